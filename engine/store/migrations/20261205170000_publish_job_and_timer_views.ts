import type { Knex } from 'knex';

/**
 * `engine_jobs_v` and `engine_timers_v`, part of the read contract: the work the executor has yet
 * to do, so a reader can tell how far behind it is (the job and timer lag of /metrics) without
 * reading the queue tables. A fired timer's row is gone, so every timer row is one not yet fired.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create view engine_jobs_v as select id, instance_id, element_id, handler, status, run_at, attempts from jobs');
  await knex.raw('create view engine_timers_v as select id, instance_id, definition_id, element_id, due_at from timers');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view engine_timers_v');
  await knex.raw('drop view engine_jobs_v');
}
