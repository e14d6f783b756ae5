import type { Knex } from 'knex';

/** Once-a-day work (the clerks' due digest): a row per name and day makes each run happen once across processes. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create table scheduled_runs (name text not null, day date not null, started_at timestamptz not null, primary key (name, day))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table scheduled_runs');
}
