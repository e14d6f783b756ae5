import type { Knex } from 'knex';

/**
 * Access that no longer lives in one process's memory or forever:
 * - rate_limits: the hit counters of express-rate-limit, shared by every process on the database;
 * - sign_in_failures: failed sign-ins per account (email) and lane; a lane is either "any browser"
 *   ('') or one browser that signed in to the account before (sign_in_devices), so an attacker's
 *   failures lock the account for unknown browsers while its owner's own browser keeps working;
 * - api_tokens gain an id (to list and revoke without the secret), an expiry and a revocation time.
 *   Tokens issued before this migration expire 90 days after creation, and not before 30 days from
 *   now, so no running integration dies on upgrade.
 */
const UP = [
  `create table rate_limits (
    key text primary key,
    hits integer not null,
    reset_at timestamptz not null
  )`,
  'create index rate_limits_reset on rate_limits (reset_at)',
  `create table sign_in_failures (
    email text not null,
    lane text not null,
    failures integer not null check (failures > 0),
    window_ends_at timestamptz not null,
    locked_until timestamptz,
    forget_at timestamptz not null,
    primary key (email, lane)
  )`,
  'create index sign_in_failures_forget on sign_in_failures (forget_at)',
  `create table sign_in_devices (
    id_hash text not null,
    user_id uuid not null references users (id) on delete cascade,
    created_at timestamptz not null,
    primary key (id_hash, user_id)
  )`,
  'alter table api_tokens add column id uuid',
  'update api_tokens set id = gen_random_uuid()',
  'alter table api_tokens alter column id set not null',
  'create unique index api_tokens_id on api_tokens (id)',
  'alter table api_tokens add column expires_at timestamptz',
  "update api_tokens set expires_at = greatest(created_at + interval '90 days', now() + interval '30 days')",
  'alter table api_tokens alter column expires_at set not null',
  'alter table api_tokens add column revoked_at timestamptz',
  'create index api_tokens_user on api_tokens (user_id, created_at desc)',
];

export async function up(knex: Knex): Promise<void> {
  // PGlite prepares each raw call: one statement per call.
  for (const statement of UP) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index api_tokens_user');
  await knex.raw('alter table api_tokens drop column revoked_at, drop column expires_at, drop column id');
  await knex.raw('drop table sign_in_devices, sign_in_failures, rate_limits');
}
