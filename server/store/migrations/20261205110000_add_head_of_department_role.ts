import type { Knex } from 'knex';

/**
 * A head of department (`sef`): sees the quality figures of the departments they belong to, and the
 * workload of those departments' clerks; nothing else of the office. The check mirrors `Role`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop constraint if exists users_role_check');
  await knex.raw("alter table users add constraint users_role_check check (role in ('citizen', 'clerk', 'analyst', 'admin', 'sef'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop constraint if exists users_role_check');
  await knex.raw("alter table users add constraint users_role_check check (role in ('citizen', 'clerk', 'analyst', 'admin'))");
}
