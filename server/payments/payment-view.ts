import { AppError } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { requireVisibleRequest } from '../requests/request-view.ts';
import { lei } from './money.ts';
import { requireOrder } from './payment-orders.ts';
import { listOrders, ordersOfRequest, paymentHistory, type PaymentOrder, type PaymentStatus } from './payment-store.ts';

/**
 * Who sees an order: whoever sees its request (the citizen who filed it, the clerks of its
 * departments, admins); an order without a request only admins. Anyone else gets the answer
 * an unknown reference gets, so references tell nothing.
 */
export async function requireVisibleOrder(ctx: AppContext, user: User, reference: unknown): Promise<{ order: PaymentOrder; ownerId: string | null }> {
  const unknown = () => new AppError('payment-not-found', { ro: 'Ordinul de plată nu există.', en: 'The payment order does not exist.' });
  let order: PaymentOrder;
  try {
    order = await requireOrder(ctx.db, reference);
    if (!order.requestId) {
      if (user.role !== 'admin') throw unknown();
      return { order, ownerId: null };
    }
    const request = await requireVisibleRequest(ctx, user, order.requestId);
    return { order, ownerId: request.citizenId };
  } catch (err) {
    if (err instanceof AppError && (err.code === 'not-found' || err.code === 'payment-not-found')) throw unknown();
    throw err;
  }
}

/** Clerks (of the request's departments) and admins: counter confirmations and refunds. */
export async function requireClerkOrder(ctx: AppContext, user: User, reference: unknown): Promise<PaymentOrder> {
  if (user.role !== 'clerk' && user.role !== 'admin') throw new AppError('forbidden', { ro: 'Doar funcționarii pot face asta.', en: 'Only clerks can do this.' });
  return (await requireVisibleOrder(ctx, user, reference)).order;
}

const STATUS: Record<PaymentStatus, { ro: string; en: string }> = {
  pending: { ro: 'În așteptarea plății', en: 'Waiting for payment' },
  paid: { ro: 'Plătită', en: 'Paid' },
  failed: { ro: 'Eșuată', en: 'Failed' },
  expired: { ro: 'Expirată (termenul de plată a trecut)', en: 'Expired (the payment term passed)' },
  refunded: { ro: 'Rambursată', en: 'Refunded' },
};

const EVENT: Record<string, { ro: string; en: string }> = {
  created: { ro: 'Ordin de plată emis', en: 'Payment order issued' },
  attempt: { ro: 'Plată cu cardul începută', en: 'Card payment started' },
  declined: { ro: 'Plată refuzată de bancă', en: 'Payment declined by the bank' },
  paid: { ro: 'Plată confirmată', en: 'Payment confirmed' },
  failed: { ro: 'Plata a eșuat (încercări epuizate)', en: 'Payment failed (no attempts left)' },
  expired: { ro: 'Termenul de plată a expirat', en: 'The payment term expired' },
  refunded: { ro: 'Taxă rambursată integral', en: 'Fee refunded in full' },
  'partially-refunded': { ro: 'Taxă rambursată parțial', en: 'Fee partly refunded' },
  'paid-after-close': { ro: 'Plată primită după închiderea ordinului (de rambursat)', en: 'Payment received after the order closed (to be refunded)' },
};


export async function viewOrder(ctx: AppContext, order: PaymentOrder, lang: Lang) {
  const history = await paymentHistory(ctx.db, order.id);
  return {
    ...order,
    amount: lei(order.amountBani),
    refunded: lei(order.refundedBani),
    statusText: STATUS[order.status][lang],
    attemptsLeft: Math.max(0, order.maxAttempts - order.attempts),
    expiresAt: order.expiresAt.toISOString(),
    history: history.map((e) => ({ at: e.at.toISOString(), text: EVENT[e.kind]?.[lang] ?? e.kind, amount: e.amountBani === null ? null : lei(e.amountBani), source: e.source, actor: e.actor, receipt: e.detail.receipt ?? null })),
  };
}

const STATUSES = Object.keys(STATUS) as PaymentStatus[];

/**
 * The clerks' list of orders (newest 200), filtered by status, with the sums collected and
 * refunded among them: an admin sees every order, a clerk those of requests their departments
 * worked on (the rule of the request pages).
 */
export async function paymentList(ctx: AppContext, user: User, status: unknown, lang: Lang) {
  const chosen = STATUSES.includes(status as PaymentStatus) ? status as PaymentStatus : undefined;
  const orders = await listOrders(ctx.db, {
    ...(chosen ? { status: chosen } : {}),
    ...(user.role === 'admin' ? {} : { clerk: { departments: user.departments, email: user.email } }),
    limit: 200,
  });
  return {
    statuses: STATUSES.map((s) => ({ code: s, text: STATUS[s][lang], selected: s === chosen })),
    orders: orders.map((o) => ({ reference: o.reference, registrationNumber: o.registrationNumber, requestId: o.requestId, payerName: o.payerName, description: o.description, amount: lei(o.amountBani), status: o.status, statusText: STATUS[o.status][lang], createdAt: o.createdAt.toISOString() })),
    collected: lei(orders.reduce((sum, o) => sum + o.paidBani, 0)),
    refunded: lei(orders.reduce((sum, o) => sum + o.refundedBani, 0)),
  };
}

/** The orders of a request, as its page lists them. */
export async function paymentsOfRequest(ctx: AppContext, requestId: string, lang: Lang) {
  return (await ordersOfRequest(ctx.db, requestId)).map((o) => ({ reference: o.reference, description: o.description, amount: lei(o.amountBani), status: o.status, statusText: STATUS[o.status][lang] }));
}
