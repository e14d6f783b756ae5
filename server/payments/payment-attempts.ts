import { AppError, toAppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { applyProviderOutcome, expireOrder, requireOrder, type Applied } from './payment-orders.ts';
import { appendPaymentEvent, lockOrder, staleOrders, updateOrder } from './payment-store.ts';
import { paymentsOf } from './payments.ts';
import type { PaymentProvider } from './provider.ts';

/** Where the provider sends notifications for orders of `provider` (the route in server/api/payment-routes.ts). */
function notifyUrl(ctx: AppContext, provider: string): string {
  return `${ctx.config.publicUrl}/api/v1/payments/notifications/${provider}`;
}

function providerOf(ctx: AppContext, id: string): PaymentProvider {
  const provider = paymentsOf(ctx).providers.get(id);
  if (!provider) throw new AppError('internal', `No payment provider "${id}" is configured`);
  return provider;
}

/**
 * The payer starts (or retries) paying: the provider opens an attempt and the payer goes to its
 * hosted page. Refused once the order no longer waits for payment, or past its deadline.
 */
export async function startAttempt(ctx: AppContext, reference: string): Promise<{ redirectUrl: string }> {
  const order = await requireOrder(ctx.db, reference);
  const now = ctx.engine.clock.now();
  if (order.status !== 'pending' || order.expiresAt <= now) {
    throw new AppError('conflict', { ro: 'Ordinul de plată nu mai așteaptă plata.', en: 'The payment order no longer waits for payment.' });
  }
  const provider = providerOf(ctx, order.provider);
  const started = await provider.startPayment({
    reference: order.reference, amountBani: order.amountBani, currency: order.currency, description: order.description,
    returnUrl: `${ctx.config.publicUrl}/plati/${encodeURIComponent(order.reference)}/intoarcere`, notifyUrl: notifyUrl(ctx, provider.id),
  });
  await ctx.db.transaction(async (tx) => {
    const locked = await lockOrder(tx, reference);
    if (locked?.status !== 'pending') return;
    await updateOrder(tx, locked.id, { providerPaymentId: started.providerPaymentId }, now);
    await appendPaymentEvent(tx, locked.id, { at: now, kind: 'attempt', fromStatus: 'pending', toStatus: 'pending', amountBani: null, source: 'return', actor: null, detail: { providerPaymentId: started.providerPaymentId } });
  });
  return { redirectUrl: started.redirectUrl };
}

/**
 * Asks the provider what became of an order and applies it: the payer's return from the hosted
 * page (racing the notification: whichever comes second changes nothing) and the poller.
 */
export async function askProvider(ctx: AppContext, reference: string, source: 'return' | 'poll'): Promise<Applied> {
  const order = await requireOrder(ctx.db, reference);
  if (order.status !== 'pending') return { order, applied: false };
  const outcome = await providerOf(ctx, order.provider).queryStatus(reference);
  if (!outcome) return { order, applied: false };
  return applyProviderOutcome(ctx, outcome, source);
}

/**
 * The scheduled job behind a missing notification: pending orders quiet for a while are asked
 * about at the provider; those past their deadline and still unpaid there expire, and their
 * process moves on. Any process may run it at any time: the order lock decides.
 */
export async function pollPendingPayments(ctx: AppContext, limit = 100): Promise<{ asked: number; expired: number }> {
  const now = ctx.engine.clock.now();
  const stale = await staleOrders(ctx.db, now, paymentsOf(ctx).settings.pollAfterMs, limit);
  let expired = 0;
  for (const order of stale) {
    try {
      const { order: after } = await askProvider(ctx, order.reference, 'poll');
      if (after.status === 'pending' && after.expiresAt <= now && (await expireOrder(ctx, order.reference)).applied) expired += 1;
      else if (after.status === 'pending') await ctx.db.query('update payment_orders set updated_at = $2 where id = $1 and status = $3', [order.id, now, 'pending']);
    } catch (err) {
      ctx.log(`payment poll ${order.reference}: ${toAppError(err).message}`);
    }
  }
  return { asked: stale.length, expired };
}
