import { AppError, type JobHandler } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { assertAmountBani } from './payment-orders.ts';
import { appendPaymentEvent, lockOrder, ordersOfInstance, type PaymentOrder } from './payment-store.ts';
import { paymentsOf } from './payments.ts';

/**
 * Refunds: through the provider that took the money (a card payment) or recorded by the clerk who
 * gives cash back (a counter payment). The order stays locked while the provider is asked, so two
 * clerks (or a clerk and the process) cannot refund the same money twice; the provider's call is
 * idempotent on `refundKey`, so a crash between its answer and the commit refunds once when retried.
 * A partial refund is refused unless the procedure allows it (procedure.json `payments.partialRefunds`).
 */
export async function refundOrder(ctx: AppContext, input: { reference: string; amountBani?: unknown; actor: string | null; key: string; source: 'clerk' | 'process' }): Promise<PaymentOrder> {
  const now = ctx.engine.clock.now();
  return ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.reference);
    if (!order) throw new AppError('payment-not-found', { ro: 'Ordinul de plată nu există.', en: 'The payment order does not exist.' });
    const left = order.paidBani - order.refundedBani;
    if (order.status !== 'paid' || left <= 0) throw new AppError('refund-invalid', { ro: 'Ordinul nu are nicio sumă plătită de rambursat.', en: 'The order has no paid amount left to refund.' });
    const amount = input.amountBani === undefined || input.amountBani === '' ? left : assertAmountBani(input.amountBani, paymentsOf(ctx).settings.maxBani);
    if (amount > left) throw new AppError('refund-invalid', { ro: `Rambursarea (${amount} bani) depășește suma plătită rămasă (${left} bani).`, en: `The refund (${amount} bani) is above the paid amount left (${left} bani).` });
    if (amount < left && !order.allowPartialRefund) throw new AppError('refund-invalid', { ro: 'Procedura nu permite rambursări parțiale.', en: 'The procedure does not allow partial refunds.' });
    const refundKey = `${order.id}:${input.key}`;
    let detail: Record<string, unknown> = { refundKey };
    if (!order.counterReceipt) {
      const provider = paymentsOf(ctx).providers.get(order.provider);
      if (!provider || !order.providerPaymentId) throw new AppError('internal', `The payment ${order.reference} cannot be refunded through "${order.provider}"`);
      const { refundId } = await provider.refund({ reference: order.reference, providerPaymentId: order.providerPaymentId, amountBani: amount, refundKey });
      detail = { ...detail, refundId };
    }
    const refunded = order.refundedBani + amount;
    const status = refunded === order.paidBani ? 'refunded' : 'paid';
    await tx.query('update payment_orders set refunded_bani = $2, status = $3, updated_at = $4 where id = $1', [order.id, refunded, status, now]);
    await appendPaymentEvent(tx, order.id, { at: now, kind: status === 'refunded' ? 'refunded' : 'partially-refunded', fromStatus: 'paid', toStatus: status, amountBani: amount, source: input.source, actor: input.actor, detail });
    ctx.log(`payment ${order.reference}: refunded ${amount} bani (${input.source}${input.actor ? ` by ${input.actor}` : ''})`);
    return { ...order, refundedBani: refunded, status };
  });
}

/**
 * `rambursare-plata`: on a process path that rejects or withdraws a paid request, refunds what is
 * left of every paid order of the instance and sets `plata.rezultat = "refunded"`. The job id keys
 * the refunds, so a rerun refunds nothing twice.
 */
export function refundStepHandler(): JobHandler & { bind(ctx: AppContext): void } {
  let bound: AppContext | undefined;
  return {
    name: 'rambursare-plata',
    description: 'Rambursează integral taxele plătite ale cererii (respinsă sau retrasă), prin furnizorul de plată.',
    optionsSchema: { type: 'object', additionalProperties: false },
    bind(ctx) { bound = ctx; },
    async run({ job, variables }) {
      if (!bound) throw new Error('The refund step runs only in a Dosar server (its context is not bound yet)');
      const ctx = bound;
      let refundedBani = 0;
      for (const order of await ordersOfInstance(ctx.db, job.instanceId)) {
        if (order.status !== 'paid' || order.paidBani === order.refundedBani) continue;
        const after = await refundOrder(ctx, { reference: order.reference, actor: null, key: job.id, source: 'process' });
        refundedBani += after.refundedBani - order.refundedBani;
      }
      const previous = (variables.plata && typeof variables.plata === 'object' ? variables.plata : {}) as Record<string, unknown>;
      return { plata: { ...previous, rezultat: 'refunded', rambursatBani: refundedBani } };
    },
  };
}
