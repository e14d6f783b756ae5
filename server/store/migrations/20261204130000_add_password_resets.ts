import type { Knex } from 'knex';

/**
 * Getting back into an account:
 * - password_resets: the links mailed to citizens who forgot their password; only the hash of the
 *   link's token is kept, each link expires and works once (used_at);
 * - users.must_change_password: set when an administrator (or `dosar user reset-password`) gives an
 *   account a one-time password; its next sign-in must choose a new one before anything else.
 */
const UP = [
  `create table password_resets (
    token_hash text primary key,
    user_id uuid not null references users (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz
  )`,
  'create index password_resets_user on password_resets (user_id, created_at desc)',
  'alter table users add column must_change_password boolean not null default false',
];

export async function up(knex: Knex): Promise<void> {
  // PGlite prepares each raw call: one statement per call.
  for (const statement of UP) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop column must_change_password');
  await knex.raw('drop table password_resets');
}
