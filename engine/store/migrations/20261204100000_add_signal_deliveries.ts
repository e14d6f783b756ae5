import type { Knex } from 'knex';

/**
 * Signals. A signal subscription is a row of `subscriptions` with kind 'signal' (its name in
 * message_name): armed, closed and moved exactly as message subscriptions are, in the step's
 * statement. A broadcast copies every subscription to the name into `signal_deliveries` in one
 * statement, in the transaction that throws it; deliverers then take deliveries in batches
 * (FOR UPDATE SKIP LOCKED) and delete each in the transaction that steps its instance, so a
 * delivery is neither lost (a crash rolls the batch back) nor repeated.
 */
const UP = [
  `alter table subscriptions add column kind text not null default 'message' check (kind in ('message', 'signal'))`,
  `create index subscriptions_signal on subscriptions (message_name) where kind = 'signal'`,
  `create table signal_deliveries (
    id bigserial primary key,
    signal_name text not null,
    variables jsonb not null,
    subscription_id uuid not null,
    instance_id uuid,
    definition_id uuid,
    element_id text not null,
    token_id text,
    scope_id text,
    created_at timestamptz not null,
    check ((instance_id is null) <> (definition_id is null))
  )`,
];

export async function up(knex: Knex): Promise<void> {
  for (const statement of UP) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table signal_deliveries');
  await knex.raw('drop index subscriptions_signal');
  await knex.raw('alter table subscriptions drop column kind');
}
