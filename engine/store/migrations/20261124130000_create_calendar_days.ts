import type { Knex } from 'knex';

/** Days the government or the city hall declares non-working (or worked): data, never code. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table calendar_days (
      date date primary key,
      kind text not null check (kind in ('non-working', 'working')),
      reason text not null,
      created_at timestamptz not null default now()
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table calendar_days');
}
