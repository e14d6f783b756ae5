import type { Knex } from 'knex';

/** Half-filled forms saved by citizens: reachable only by the hash of a private, expiring link token. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table form_drafts (
      token_hash text primary key,
      form_key text not null,
      step integer not null default 0,
      data jsonb not null,
      created_at timestamptz not null,
      expires_at timestamptz not null
    )`);
  await knex.raw('create index form_drafts_expires on form_drafts (expires_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table form_drafts');
}
