import type { Database } from '../../engine/index.ts';
import type { ProviderOutcome } from './provider.ts';

/** Storage of payment orders (tables `payment_orders`, `payment_events`); `*Row` types stay here. */

export type PaymentStatus = 'pending' | 'paid' | 'failed' | 'expired' | 'refunded';
/** Where a change came from: each is recorded in the status history. */
export type PaymentSource = 'process' | 'notification' | 'return' | 'poll' | 'counter' | 'deadline' | 'clerk';

export interface PaymentOrder {
  id: string;
  reference: string;
  instanceId: string;
  /** The process element that asked for the order (the payment step), when a process did. */
  stepElementId: string | null;
  requestId: string | null;
  registrationNumber: string | null;
  payerName: string;
  payerEmail: string | null;
  description: string;
  amountBani: number;
  currency: 'RON';
  status: PaymentStatus;
  provider: string;
  providerPaymentId: string | null;
  paidBani: number;
  refundedBani: number;
  allowPartialRefund: boolean;
  attempts: number;
  maxAttempts: number;
  counterReceipt: string | null;
  /** The registered receipt document, once issued (after the payment commits). */
  receiptDocumentId: string | null;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface PaymentEvent {
  at: Date;
  kind: string;
  fromStatus: PaymentStatus | null;
  toStatus: PaymentStatus | null;
  amountBani: number | null;
  source: PaymentSource;
  actor: string | null;
  detail: Record<string, unknown>;
}

interface OrderRow {
  id: string; reference: string; instance_id: string; step_element_id: string | null; request_id: string | null; registration_number: string | null;
  payer_name: string; payer_email: string | null; description: string; amount_bani: string | number; currency: 'RON';
  status: PaymentStatus; provider: string; provider_payment_id: string | null; paid_bani: string | number; refunded_bani: string | number;
  allow_partial_refund: boolean; attempts: number; max_attempts: number; counter_receipt: string | null; receipt_document_id: string | null;
  expires_at: Date | string; created_at: Date | string; updated_at: Date | string;
}

function toOrder(r: OrderRow): PaymentOrder {
  return {
    id: r.id, reference: r.reference, instanceId: r.instance_id, stepElementId: r.step_element_id, requestId: r.request_id, registrationNumber: r.registration_number,
    payerName: r.payer_name, payerEmail: r.payer_email, description: r.description, amountBani: Number(r.amount_bani), currency: r.currency,
    status: r.status, provider: r.provider, providerPaymentId: r.provider_payment_id, paidBani: Number(r.paid_bani), refundedBani: Number(r.refunded_bani),
    allowPartialRefund: r.allow_partial_refund, attempts: r.attempts, maxAttempts: r.max_attempts, counterReceipt: r.counter_receipt, receiptDocumentId: r.receipt_document_id,
    expiresAt: new Date(r.expires_at), createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
  };
}

export type NewOrder = Omit<PaymentOrder, 'status' | 'providerPaymentId' | 'paidBani' | 'refundedBani' | 'attempts' | 'counterReceipt' | 'receiptDocumentId' | 'updatedAt' | 'currency'> & { sourceKey: string };

/** Inserts the order once per source key (the job that asked for it); returns the stored one either way. */
export async function insertOrder(db: Database, o: NewOrder): Promise<{ order: PaymentOrder; created: boolean }> {
  const inserted = await db.query<OrderRow>(
    `insert into payment_orders (id, reference, source_key, instance_id, step_element_id, request_id, registration_number, payer_name, payer_email, description,
       amount_bani, status, provider, allow_partial_refund, max_attempts, expires_at, created_at, updated_at)
     values ($1, $2, $3, $4, $16, $5, $6, $7, $8, $9, $10, 'pending', $11, $12, $13, $14, $15, $15)
     on conflict (source_key) do nothing returning *`,
    [o.id, o.reference, o.sourceKey, o.instanceId, o.requestId, o.registrationNumber, o.payerName, o.payerEmail, o.description,
      o.amountBani, o.provider, o.allowPartialRefund, o.maxAttempts, o.expiresAt, o.createdAt, o.stepElementId]);
  if (inserted[0]) return { order: toOrder(inserted[0]), created: true };
  const [row] = await db.query<OrderRow>('select * from payment_orders where source_key = $1', [o.sourceKey]);
  return { order: toOrder(row!), created: false };
}

export async function findOrder(db: Database, reference: string): Promise<PaymentOrder | undefined> {
  const [row] = await db.query<OrderRow>('select * from payment_orders where reference = $1', [reference]);
  return row ? toOrder(row) : undefined;
}

/** The order, its row locked until the transaction ends: every status change goes through here. */
export async function lockOrder(tx: Database, reference: string): Promise<PaymentOrder | undefined> {
  const [row] = await tx.query<OrderRow>('select * from payment_orders where reference = $1 for update', [reference]);
  return row ? toOrder(row) : undefined;
}

/**
 * Several notifications' orders (`ProviderOutcome`) locked in one statement, always in the order of
 * their ids (two batches never deadlock), and in the same statement each pending order marked paid,
 * with its history row, by the first notice for it that says paid with the order's amount and
 * currency. Returns the orders as they were before this statement, each with the index of the
 * notice that paid it. The caller's transaction must roll back if a paid order's process turns out
 * not to wait. The references also come as an array of their own ($3): the planner cannot size a
 * jsonb_to_recordset, and the array lets it look the orders up by their unique index.
 */
export async function payPending(tx: Database, notices: ProviderOutcome[], now: Date): Promise<Map<string, { order: PaymentOrder; paidBy: number | null }>> {
  const rows = await tx.query<OrderRow & { paid_by: number | null }>(
    `with x as (select * from jsonb_to_recordset($1::jsonb) as x(i int, reference text, status text, provider_payment_id text, amount_bani bigint, currency text, event_id text)),
     locked as (select * from payment_orders where reference = any($3::text[]) order by id for update),
     pick as (select distinct on (l.id) l.id, l.amount_bani, x.provider_payment_id, x.event_id, x.i from locked l join x using (reference)
       where l.status = 'pending' and x.status = 'paid' and x.amount_bani = l.amount_bani and x.currency = l.currency order by l.id, x.i),
     upd as (update payment_orders o set status = 'paid', paid_bani = pick.amount_bani, provider_payment_id = pick.provider_payment_id, updated_at = $2
       from pick where o.id = pick.id),
     ev as (insert into payment_events (order_id, at, kind, from_status, to_status, amount_bani, source, detail)
       select id, $2, 'paid', 'pending', 'paid', amount_bani, 'notification', jsonb_strip_nulls(jsonb_build_object('providerPaymentId', provider_payment_id, 'eventId', nullif(event_id, '')))
       from pick)
     select locked.*, pick.i as paid_by from locked left join pick using (id)`,
    [JSON.stringify(notices.map((n, i) => ({ i, reference: n.reference, status: n.status, provider_payment_id: n.providerPaymentId, amount_bani: n.amountBani, currency: n.currency, event_id: n.eventId ?? null }))), now, [...new Set(notices.map((n) => n.reference))]]);
  return new Map(rows.map((r) => [r.reference, { order: toOrder(r), paidBy: r.paid_by }]));
}

export async function ordersOfRequest(db: Database, requestId: string): Promise<PaymentOrder[]> {
  return (await db.query<OrderRow>('select * from payment_orders where request_id = $1 order by created_at', [requestId])).map(toOrder);
}

export async function ordersOfInstance(db: Database, instanceId: string): Promise<PaymentOrder[]> {
  return (await db.query<OrderRow>('select * from payment_orders where instance_id = $1 order by created_at', [instanceId])).map(toOrder);
}

/** Pending orders not touched for `quietMs` (their notification may be lost) or past their deadline. */
export async function staleOrders(db: Database, now: Date, quietMs: number, limit: number): Promise<PaymentOrder[]> {
  return (await db.query<OrderRow>(
    `select * from payment_orders where status = 'pending' and (updated_at <= $1 or expires_at <= $2) order by updated_at limit $3`,
    [new Date(now.getTime() - quietMs), now, limit])).map(toOrder);
}

/** Writes the changed fields of a locked order. */
export async function updateOrder(tx: Database, id: string, change: Partial<Pick<PaymentOrder, 'status' | 'providerPaymentId' | 'paidBani' | 'refundedBani' | 'attempts' | 'counterReceipt'>>, now: Date): Promise<void> {
  const columns: Record<string, string> = { status: 'status', providerPaymentId: 'provider_payment_id', paidBani: 'paid_bani', refundedBani: 'refunded_bani', attempts: 'attempts', counterReceipt: 'counter_receipt' };
  const sets: string[] = ['updated_at = $2'];
  const params: unknown[] = [id, now];
  for (const [key, value] of Object.entries(change)) {
    params.push(value);
    sets.push(`${columns[key]} = $${params.length}`);
  }
  await tx.query(`update payment_orders set ${sets.join(', ')} where id = $1`, params);
}

export async function appendPaymentEvent(tx: Database, orderId: string, e: PaymentEvent): Promise<void> {
  await tx.query(
    'insert into payment_events (order_id, at, kind, from_status, to_status, amount_bani, source, actor, detail) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [orderId, e.at, e.kind, e.fromStatus, e.toStatus, e.amountBani, e.source, e.actor, JSON.stringify(e.detail)]);
}

export async function paymentHistory(db: Database, orderId: string): Promise<PaymentEvent[]> {
  const rows = await db.query<{ at: Date; kind: string; from_status: PaymentStatus | null; to_status: PaymentStatus | null; amount_bani: string | null; source: PaymentSource; actor: string | null; detail: Record<string, unknown> }>(
    'select at, kind, from_status, to_status, amount_bani, source, actor, detail from payment_events where order_id = $1 order by id', [orderId]);
  return rows.map((r) => ({ at: new Date(r.at), kind: r.kind, fromStatus: r.from_status, toStatus: r.to_status, amountBani: r.amount_bani === null ? null : Number(r.amount_bani), source: r.source, actor: r.actor, detail: r.detail }));
}

/** Whether the order's history already has an event of this kind for this provider payment. */
export async function hasPaymentEvent(db: Database, orderId: string, kind: string, providerPaymentId: string): Promise<boolean> {
  return (await db.query("select 1 from payment_events where order_id = $1 and kind = $2 and detail->>'providerPaymentId' = $3", [orderId, kind, providerPaymentId])).length > 0;
}

export interface OrderListFilter {
  status?: PaymentStatus;
  /** A clerk's view: orders of instances with a task that is or was in these departments or theirs. */
  clerk?: { departments: string[]; email: string };
  limit: number;
}

/** The finance view of orders, newest first. */
export async function listOrders(db: Database, f: OrderListFilter): Promise<PaymentOrder[]> {
  const params: unknown[] = [f.status ?? null, f.limit];
  const clerkRule = f.clerk
    ? `and exists (select 1 from engine_events_v e where e.instance_id = o.instance_id and e.type in ('task.created', 'task.claimed', 'task.reassigned')
         and (e.data -> 'candidateGroups' ?| $3::text[] or e.data ->> 'assignee' = $4))`
    : '';
  if (f.clerk) params.push(f.clerk.departments, f.clerk.email);
  const rows = await db.query<OrderRow>(
    `select o.* from payment_orders o where ($1::text is null or o.status = $1) ${clerkRule} order by o.created_at desc, o.reference limit $2`, params);
  return rows.map(toOrder);
}

/** Paid orders of requests whose receipt document is not issued yet, oldest first. */
export async function ordersAwaitingReceipt(db: Database, limit: number): Promise<string[]> {
  return (await db.query<{ reference: string }>(
    `select reference from payment_orders where status in ('paid', 'refunded') and receipt_document_id is null and request_id is not null
     order by updated_at limit $1`, [limit])).map((r) => r.reference);
}

export async function setReceiptDocument(tx: Database, orderId: string, documentId: string): Promise<void> {
  await tx.query('update payment_orders set receipt_document_id = $2 where id = $1', [orderId, documentId]);
}
