import { randomBytes, randomUUID } from 'node:crypto';
import { AppError, createEnginePort, type Database } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { appendPaymentEvent, findOrder, hasPaymentEvent, insertOrder, lockOrder, updateOrder, type PaymentOrder, type PaymentSource, type PaymentStatus } from './payment-store.ts';
import { issueReceiptInBackground } from './payment-receipt-document.ts';
import { paymentsOf } from './payments.ts';
import type { ProviderOutcome } from './provider.ts';

/**
 * Payment orders: created by a process's payment step, moved by what the provider says (a signed
 * notification, the payer's return, a status query, the clerk at the counter) and by the deadline.
 * Every change locks the order row first; a final outcome (paid, failed, expired) is written in the
 * same transaction as the process step it causes (the message `plata`), so it is applied exactly
 * once whoever brings it first, and a confirmed payment never exists without its step.
 */
export const PAYMENT_MESSAGE = 'plata';
export type PaymentOutcome = 'paid' | 'failed' | 'expired' | 'refunded';

/** The variables the message `plata` carries to the process. */
export function paymentVariables(order: PaymentOrder, outcome: PaymentOutcome): Record<string, unknown> {
  return { plata: { rezultat: outcome, referinta: order.reference, sumaBani: order.amountBani } };
}

/** Throws payment-amount-invalid unless `value` is a whole positive number of bani within the ceiling. */
export function assertAmountBani(value: unknown, maxBani: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new AppError('payment-amount-invalid', { ro: `Suma de plată trebuie să fie pozitivă (primit: ${String(value)}).`, en: `The amount must be positive (got ${String(value)}).` });
  }
  if (!Number.isSafeInteger(value)) throw new AppError('payment-amount-invalid', { ro: `Suma se dă în bani întregi (primit: ${value}).`, en: `The amount is given in whole bani (got ${value}).` });
  if (value > maxBani) throw new AppError('payment-amount-invalid', { ro: `Suma depășește plafonul de ${maxBani} bani.`, en: `The amount is above the ceiling of ${maxBani} bani.` });
  return value;
}

function newReference(now: Date): string {
  return `PL${now.toISOString().slice(0, 10).replaceAll('-', '')}${randomBytes(5).toString('hex').toUpperCase()}`;
}

export interface OrderInput {
  /** The idempotency key: the job that asked for the order, so a rerun finds the same order. */
  sourceKey: string;
  instanceId: string;
  /** The payment step's element: while the process is still there, it is not waiting yet. */
  stepElementId?: string | null;
  requestId?: string | null;
  registrationNumber?: string | null;
  payerName: string;
  payerEmail?: string | null;
  description: string;
  amountBani: unknown;
  deadlineMs: number;
  allowPartialRefund?: boolean;
}

export async function createPaymentOrder(ctx: AppContext, input: OrderInput): Promise<PaymentOrder> {
  const { settings, defaultProvider } = paymentsOf(ctx);
  const amountBani = assertAmountBani(input.amountBani, settings.maxBani);
  const now = ctx.engine.clock.now();
  const { order, created } = await ctx.db.transaction(async (tx) => {
    const result = await insertOrder(tx, {
      id: randomUUID(), reference: newReference(now), sourceKey: input.sourceKey, instanceId: input.instanceId, stepElementId: input.stepElementId ?? null, requestId: input.requestId ?? null,
      registrationNumber: input.registrationNumber ?? null, payerName: input.payerName, payerEmail: input.payerEmail ?? null, description: input.description,
      amountBani, provider: defaultProvider, allowPartialRefund: input.allowPartialRefund ?? false, maxAttempts: settings.maxAttempts,
      expiresAt: new Date(now.getTime() + input.deadlineMs), createdAt: now,
    });
    if (result.created) await appendPaymentEvent(tx, result.order.id, { at: now, kind: 'created', fromStatus: null, toStatus: 'pending', amountBani, source: 'process', actor: null, detail: {} });
    return result;
  });
  if (created) ctx.log(`payment ${order.reference}: created for ${amountBani} bani`);
  return order;
}

export async function requireOrder(db: Database, reference: unknown): Promise<PaymentOrder> {
  const order = typeof reference === 'string' && reference.length <= 64 ? await findOrder(db, reference) : undefined;
  if (!order) throw new AppError('payment-not-found', { ro: 'Ordinul de plată nu există.', en: 'The payment order does not exist.' });
  return order;
}

/** Thrown inside a transaction when the process does not wait for the outcome: `closing` decides. */
class NotWaiting extends Error {
  constructor(readonly order: PaymentOrder) { super('The process does not wait for the payment'); }
}

/** Transactions that record an outcome even though the process does not wait for it. */
const tolerant = new WeakSet<Database>();

/**
 * Runs a change that may close an order. When the process does not wait for the outcome, the
 * change rolls back and the instance is read (outside the transaction: PGlite has one connection).
 * A process still at its payment step (the order written, the wait not yet) refuses it with
 * conflict: whoever comes next (a duplicate, the poller) applies it. A process that went elsewhere
 * (terminated, or never waiting) does not stop the money from being recorded: the change runs again
 * and the history says the process was not told.
 */
async function closing<T>(ctx: AppContext, change: (tx: Database) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(change);
  } catch (err) {
    if (!(err instanceof NotWaiting)) throw err;
    const instance = await ctx.engine.getInstance(err.order.instanceId).catch(() => undefined);
    if (err.order.stepElementId && instance?.status === 'active' && instance.active.includes(err.order.stepElementId)) {
      throw new AppError('conflict', { ro: 'Procesul nu a ajuns încă la așteptarea plății; încercați din nou.', en: 'The process has not reached its wait for the payment yet; try again.' });
    }
    return ctx.db.transaction(async (tx) => {
      tolerant.add(tx);
      return change(tx);
    });
  }
}

/** The outcome a process waits for, delivered in the caller's transaction (see closing). */
async function tellProcess(ctx: AppContext, tx: Database, order: PaymentOrder, outcome: PaymentOutcome): Promise<void> {
  try {
    await ctx.engine.correlate(PAYMENT_MESSAGE, { instanceId: order.instanceId }, paymentVariables(order, outcome), createEnginePort(tx));
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'message-not-correlated')) throw err;
    if (!tolerant.has(tx)) throw new NotWaiting(order);
    await appendPaymentEvent(tx, order.id, { at: ctx.engine.clock.now(), kind: 'process-not-waiting', fromStatus: null, toStatus: null, amountBani: null, source: 'process', actor: null, detail: { outcome } });
    ctx.log(`payment ${order.reference}: ${outcome}, but its process does not wait for it`);
  }
}

export interface Applied { order: PaymentOrder; applied: boolean }

/**
 * What the provider says about an order, from any source. A paid outcome for an order no longer
 * pending changes nothing (the duplicate, the replay, the loser of a race); an amount or currency
 * other than the order's is refused and logged, whatever the signature said.
 */
export async function applyProviderOutcome(ctx: AppContext, outcome: ProviderOutcome, source: PaymentSource): Promise<Applied> {
  const now = ctx.engine.clock.now();
  return closing(ctx, async (tx) => {
    const order = await lockOrder(tx, outcome.reference);
    if (!order) throw new AppError('payment-not-found', { ro: 'Ordinul de plată nu există.', en: 'The payment order does not exist.' });
    if (outcome.amountBani !== order.amountBani || outcome.currency !== order.currency) {
      ctx.log(`payment ${order.reference}: refused a ${source} saying ${outcome.amountBani} ${outcome.currency} for an order of ${order.amountBani} ${order.currency}`);
      throw new AppError('payment-mismatch', { ro: 'Suma sau moneda nu corespund ordinului de plată.', en: 'The amount or currency does not match the payment order.' });
    }
    const detail = { providerPaymentId: outcome.providerPaymentId, ...(outcome.eventId ? { eventId: outcome.eventId } : {}) };
    if (outcome.status === 'pending') return { order, applied: false };
    if (order.status !== 'pending') {
      // Money taken for an order already closed (expired, failed) must reach the finance department.
      if (outcome.status === 'paid' && (order.status === 'expired' || order.status === 'failed') && !(await hasPaymentEvent(tx, order.id, 'paid-after-close', outcome.providerPaymentId))) {
        await appendPaymentEvent(tx, order.id, { at: now, kind: 'paid-after-close', fromStatus: order.status, toStatus: order.status, amountBani: outcome.amountBani, source, actor: null, detail });
        ctx.log(`payment ${order.reference}: paid after it was ${order.status}; to be refunded by the finance department`);
      }
      return { order, applied: false };
    }
    if (outcome.status === 'paid') return { order: await close(ctx, tx, order, 'paid', source, null, detail, { paidBani: order.amountBani, providerPaymentId: outcome.providerPaymentId }), applied: true };
    // A declined card is one attempt: the payer may try again until the attempts run out.
    if (order.providerPaymentId !== outcome.providerPaymentId && order.providerPaymentId !== null) return { order, applied: false };
    const attempts = order.attempts + 1;
    if (attempts >= order.maxAttempts) return { order: await close(ctx, tx, { ...order, attempts }, 'failed', source, null, detail, { attempts }), applied: true };
    await updateOrder(tx, order.id, { attempts, providerPaymentId: null }, now);
    await appendPaymentEvent(tx, order.id, { at: now, kind: 'declined', fromStatus: 'pending', toStatus: 'pending', amountBani: null, source, actor: null, detail });
    return { order: { ...order, attempts, providerPaymentId: null }, applied: true };
  });
}

/** Moves a locked pending order to a final status and tells its process, in `tx`. */
async function close(ctx: AppContext, tx: Database, order: PaymentOrder, to: Exclude<PaymentStatus, 'pending' | 'refunded'>, source: PaymentSource, actor: string | null, detail: Record<string, unknown>, change: Parameters<typeof updateOrder>[2] = {}): Promise<PaymentOrder> {
  const now = ctx.engine.clock.now();
  await updateOrder(tx, order.id, { ...change, status: to }, now);
  await appendPaymentEvent(tx, order.id, { at: now, kind: to, fromStatus: order.status, toStatus: to, amountBani: to === 'paid' ? order.amountBani : null, source, actor, detail });
  const closed = { ...order, ...change, status: to, updatedAt: now };
  await tellProcess(ctx, tx, closed, to);
  if (to === 'paid' && order.requestId) tx.afterCommit(() => issueReceiptInBackground(ctx, order.reference));
  ctx.log(`payment ${order.reference}: ${to} (${source})`);
  return closed;
}

/** The deadline passed with no payment: the order expires and its process moves on (idempotent). */
export async function expireOrder(ctx: AppContext, reference: string): Promise<Applied> {
  return closing(ctx, async (tx) => {
    const order = await lockOrder(tx, reference);
    if (!order) throw new AppError('payment-not-found', { ro: 'Ordinul de plată nu există.', en: 'The payment order does not exist.' });
    if (order.status !== 'pending') return { order, applied: false };
    return { order: await close(ctx, tx, order, 'expired', 'deadline', null, {}), applied: true };
  });
}

/** A clerk took cash or a POS payment at the counter: the receipt number (chitanță) confirms it, audited. */
export async function confirmAtCounter(ctx: AppContext, actor: string, reference: string, receipt: unknown): Promise<Applied> {
  const number = typeof receipt === 'string' ? receipt.trim() : '';
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ./-]{0,39}$/u.test(number)) throw new AppError('bad-input', { ro: 'Numărul chitanței: 1–40 litere, cifre, spații, „/”, „.” sau „-”.', en: 'The receipt number: 1–40 letters, digits, spaces, "/", "." or "-".' });
  return closing(ctx, async (tx) => {
    const order = await lockOrder(tx, reference);
    if (!order) throw new AppError('payment-not-found', { ro: 'Ordinul de plată nu există.', en: 'The payment order does not exist.' });
    if (order.status === 'paid' && order.counterReceipt === number) return { order, applied: false };
    if (order.status !== 'pending') throw new AppError('conflict', { ro: `Ordinul nu mai așteaptă plata (este ${order.status}).`, en: `The order no longer waits for payment (it is ${order.status}).` });
    return { order: await close(ctx, tx, order, 'paid', 'counter', actor, { receipt: number }, { paidBani: order.amountBani, counterReceipt: number }), applied: true };
  });
}
