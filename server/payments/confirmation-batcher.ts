import { createEnginePort, groupCommit, type Database } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { applyProviderOutcome, PAYMENT_MESSAGE, paymentVariables, type Applied } from './payment-orders.ts';
import { issueReceiptInBackground } from './payment-receipt-document.ts';
import { findOrder, lockOrders, markPaid, type PaymentOrder } from './payment-store.ts';
import type { ProviderOutcome } from './provider.ts';

/**
 * Signed notifications that arrive together are confirmed in one transaction (group commit, as the
 * engine's steps): their orders locked in one statement in the order of their ids, the payments of
 * those still pending written in one statement, their processes told in one more
 * (`engine.correlateEach`), one commit for all; each caller is answered once it has committed.
 * The order row's lock and its status stay the arbiter: a duplicate in the same batch finds the
 * order already paid by the one before it, one in another batch or process waits for the lock.
 * Anything but a plain payment of a pending order (a declined card, an amount that differs, money
 * for a closed order, a process not waiting) and every item of a batch that failed, which wrote
 * nothing, go one by one through `applyProviderOutcome`, so an error reaches only its own caller.
 */
type Confirmed = Applied | undefined;
type Result = { ok: Confirmed } | { alone: true } | { error: unknown };

export function confirmationBatcher(ctx: AppContext): (outcome: ProviderOutcome) => Promise<Confirmed> {
  const confirm = groupCommit<ProviderOutcome, Result>(async (outcomes) => {
    const together = await ctx.db.transaction((tx) => confirmTogether(ctx, tx, outcomes))
      .catch((): Result[] => outcomes.map(() => ({ alone: true })));
    return Promise.all(together.map((r, i) => ('alone' in r ? confirmAlone(ctx, outcomes[i]!) : r)));
  });
  return async (outcome) => {
    const result = await confirm(outcome);
    if ('error' in result) throw result.error;
    return (result as { ok: Confirmed }).ok;
  };
}

/** One notification in its own transaction; undefined when it names no order of ours. */
async function confirmAlone(ctx: AppContext, outcome: ProviderOutcome): Promise<Result> {
  try {
    if (!(await findOrder(ctx.db, outcome.reference))) return { ok: undefined };
    return { ok: await applyProviderOutcome(ctx, outcome, 'notification') };
  } catch (error) {
    return { error };
  }
}

async function confirmTogether(ctx: AppContext, tx: Database, outcomes: ProviderOutcome[]): Promise<Result[]> {
  const now = ctx.engine.clock.now();
  const orders = await lockOrders(tx, [...new Set(outcomes.map((o) => o.reference))]);
  // What each item does, decided in arrival order against the locked rows as this batch changes them.
  const paying = new Map<string, { order: PaymentOrder; outcome: ProviderOutcome }>();
  const plan = outcomes.map((outcome): Result | 'pays' | 'duplicate' => {
    const order = orders.get(outcome.reference);
    if (!order) return { ok: undefined };
    if (outcome.status !== 'paid' || outcome.amountBani !== order.amountBani || outcome.currency !== order.currency) return { alone: true };
    if (paying.has(order.reference)) return 'duplicate';
    if (order.status === 'pending') {
      paying.set(order.reference, { order, outcome });
      return 'pays';
    }
    return order.status === 'paid' || order.status === 'refunded' ? { ok: { order, applied: false } } : { alone: true };
  });
  const payments = [...paying.values()];
  const waited = await ctx.engine.correlateEach(PAYMENT_MESSAGE, payments.map(({ order }) => ({ instanceId: order.instanceId, variables: paymentVariables(order, 'paid') })), createEnginePort(tx));
  const paid = new Map<string, PaymentOrder>();
  payments.forEach(({ order, outcome }, i) => {
    if (waited[i]) paid.set(order.reference, { ...order, status: 'paid', paidBani: order.amountBani, providerPaymentId: outcome.providerPaymentId, updatedAt: now });
  });
  if (paid.size > 0) {
    await markPaid(tx, payments.filter(({ order }) => paid.has(order.reference)).map(({ order, outcome }) => ({
      order, providerPaymentId: outcome.providerPaymentId,
      event: { at: now, kind: 'paid', fromStatus: 'pending', toStatus: 'paid', amountBani: order.amountBani, source: 'notification', actor: null, detail: { providerPaymentId: outcome.providerPaymentId, ...(outcome.eventId ? { eventId: outcome.eventId } : {}) } },
    })), now);
  }
  for (const order of paid.values()) {
    if (order.requestId) tx.afterCommit(() => issueReceiptInBackground(ctx, order.reference));
    tx.afterCommit(() => ctx.log(`payment ${order.reference}: paid (notification)`));
  }
  // A process that did not wait: that order (and its duplicates) goes alone, where `closing` decides.
  return plan.map((p, i) => {
    if (typeof p !== 'string') return p;
    const order = paid.get(outcomes[i]!.reference);
    if (!order) return { alone: true };
    return { ok: { order, applied: p === 'pays' } };
  });
}
