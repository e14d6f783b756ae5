import type { Knex } from 'knex';

/**
 * Online payments (server/payments/): one order per fee a process asks for, its status history,
 * and the provider's settlement lines imported for reconciliation. Amounts are bani (integers);
 * the check constraints mirror the TypeScript unions in server/payments/payment-store.ts.
 */
const STATEMENTS = [
  `create table payment_orders (
    id uuid primary key,
    reference text not null unique,
    source_key text not null unique,
    instance_id uuid not null,
    step_element_id text,
    request_id uuid,
    registration_number text,
    payer_name text not null,
    payer_email text,
    description text not null,
    amount_bani bigint not null check (amount_bani > 0),
    currency text not null default 'RON' check (currency = 'RON'),
    status text not null check (status in ('pending', 'paid', 'failed', 'expired', 'refunded')),
    provider text not null,
    provider_payment_id text,
    paid_bani bigint not null default 0 check (paid_bani >= 0),
    refunded_bani bigint not null default 0 check (refunded_bani >= 0 and refunded_bani <= paid_bani),
    allow_partial_refund boolean not null default false,
    attempts integer not null default 0,
    max_attempts integer not null default 3,
    counter_receipt text,
    expires_at timestamptz not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  'create index payment_orders_request on payment_orders (request_id)',
  // The poller reads pending orders oldest first.
  `create index payment_orders_pending on payment_orders (updated_at) where status = 'pending'`,
  `create table payment_events (
    id bigserial primary key,
    order_id uuid not null references payment_orders (id),
    at timestamptz not null,
    kind text not null,
    from_status text,
    to_status text,
    amount_bani bigint,
    source text not null,
    actor text,
    detail jsonb not null default '{}'::jsonb
  )`,
  'create index payment_events_order on payment_events (order_id, id)',
  `create table payment_settlements (
    id bigserial primary key,
    settlement_date date not null,
    reference text not null,
    provider_payment_id text,
    amount_bani bigint not null,
    currency text not null,
    kind text not null,
    imported_at timestamptz not null,
    unique (settlement_date, reference, kind)
  )`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of STATEMENTS) await knex.raw(sql);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table payment_settlements');
  await knex.raw('drop table payment_events');
  await knex.raw('drop table payment_orders');
}
