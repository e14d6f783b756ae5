import type { Knex } from 'knex';

/**
 * A paid order's receipt is a registered document (outgoing register, verification code), issued
 * after the payment commits; the order names it once issued. The partial index finds the paid
 * orders still waiting for theirs (a process that stopped before issuing it).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table payment_orders add column receipt_document_id uuid references documents (id)');
  await knex.raw(`create index payment_orders_receipt_due on payment_orders (updated_at)
    where status in ('paid', 'refunded') and receipt_document_id is null and request_id is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index payment_orders_receipt_due');
  await knex.raw('alter table payment_orders drop column receipt_document_id');
}
