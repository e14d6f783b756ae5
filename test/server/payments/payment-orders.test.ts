import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../engine/index.ts';
import { applyProviderOutcome, assertAmountBani, confirmAtCounter, createPaymentOrder, expireOrder, requireOrder } from '../../../server/payments/payment-orders.ts';
import { paymentHistory } from '../../../server/payments/payment-store.ts';
import { useTestDatabase } from '../../support/database.ts';
import { paymentContext } from './payment-context.ts';

async function rejects(promise: Promise<unknown>): Promise<AppError> {
  try { await promise; } catch (err) { return err as AppError; }
  throw new Error('expected a rejection');
}

describe('payment orders', () => {
  const t = useTestDatabase();

  async function waitingOrder(amountBani: unknown = 1500) {
    const env = await paymentContext(t.db);
    const { id } = await env.engine.start('asteapta-plata');
    const order = await createPaymentOrder(env.ctx, { sourceKey: randomUUID(), instanceId: id, payerName: 'Ion Popescu', description: 'Taxă certificat', amountBani, deadlineMs: 3_600_000 });
    return { ...env, order, instanceId: id };
  }
  const paid = (reference: string, amountBani = 1500, currency = 'RON') => ({ reference, providerPaymentId: 'p-1', status: 'paid' as const, amountBani, currency });

  describe('when an amount is asked for', () => {
    for (const [what, value] of [['negative', -100], ['zero', 0], ['fractional bani', 10.5], ['above the ceiling', 10_000_001], ['not a number', '1500']] as const) {
      it(`refuses an amount that is ${what}`, () => {
        expect(() => assertAmountBani(value, 10_000_000)).to.throw(AppError).with.property('code', 'payment-amount-invalid');
      });
    }

    it('accepts whole bani up to the ceiling', () => {
      expect(assertAmountBani(10_000_000, 10_000_000)).to.equal(10_000_000);
    });

    it('stores one order per source key, in bani and RON, with its creation in the history', async () => {
      // given
      const { ctx, engine } = await paymentContext(t.db);
      const { id } = await engine.start('asteapta-plata');
      const input = { sourceKey: 'job-1', instanceId: id, payerName: 'Ion', description: 'Taxă', amountBani: 2500, deadlineMs: 60_000 };
      // when
      const first = await createPaymentOrder(ctx, input);
      const again = await createPaymentOrder(ctx, input);
      // then
      expect(again.reference).to.equal(first.reference);
      expect(first).to.include({ amountBani: 2500, currency: 'RON', status: 'pending' });
      expect((await t.db.query('select 1 from payment_orders')).length).to.equal(1);
      expect((await paymentHistory(t.db, first.id)).map((e) => e.kind)).to.deep.equal(['created']);
    });

    it('does not store an order whose amount is refused', async () => {
      const error = await rejects(waitingOrder(0));
      expect(error.code).to.equal('payment-amount-invalid');
      expect(await t.db.query('select 1 from payment_orders')).to.have.length(0);
    });
  });

  describe('when the provider confirms a payment', () => {
    it('marks the order paid and moves the process on the paid flow, in one go', async () => {
      // given
      const { ctx, engine, order, instanceId } = await waitingOrder();
      // when
      const result = await applyProviderOutcome(ctx, paid(order.reference), 'notification');
      // then
      expect(result.applied).to.equal(true);
      expect((await requireOrder(t.db, order.reference)).status).to.equal('paid');
      expect((await engine.listTasks({ instanceId })).map((x) => x.elementId)).to.deep.equal(['platita']);
    });

    it('applies a second confirmation as a no-op', async () => {
      // given
      const { ctx, order } = await waitingOrder();
      await applyProviderOutcome(ctx, paid(order.reference), 'notification');
      // when
      const second = await applyProviderOutcome(ctx, paid(order.reference), 'return');
      // then
      expect(second.applied).to.equal(false);
      expect((await paymentHistory(t.db, order.id)).filter((e) => e.kind === 'paid')).to.have.length(1);
    });

    it('refuses and logs an amount or currency other than the order’s, changing nothing', async () => {
      // given
      const { ctx, order, logged } = await waitingOrder();
      // when
      const altered = await rejects(applyProviderOutcome(ctx, paid(order.reference, 1), 'notification'));
      const otherCurrency = await rejects(applyProviderOutcome(ctx, paid(order.reference, 1500, 'EUR'), 'notification'));
      // then
      expect([altered.code, otherCurrency.code]).to.deep.equal(['payment-mismatch', 'payment-mismatch']);
      expect(logged.filter((l) => l.includes('refused'))).to.have.length(2);
      expect((await requireOrder(t.db, order.reference)).status).to.equal('pending');
    });

    it('refuses an unknown reference', async () => {
      const { ctx } = await waitingOrder();
      expect((await rejects(applyProviderOutcome(ctx, paid('PL-NOPE'), 'notification'))).code).to.equal('payment-not-found');
    });

    it('records a confirmation whose process no longer waits, and says so in the history', async () => {
      // given: the order's instance was terminated meanwhile
      const { ctx, engine, order, instanceId, logged } = await waitingOrder();
      await engine.terminate(instanceId, 'test');
      // when
      await applyProviderOutcome(ctx, paid(order.reference), 'notification');
      // then
      expect((await requireOrder(t.db, order.reference)).status).to.equal('paid');
      expect((await paymentHistory(t.db, order.id)).map((e) => e.kind)).to.deep.equal(['created', 'paid', 'process-not-waiting']);
      expect(logged.some((l) => l.includes('does not wait'))).to.equal(true);
    });

    it('rolls a confirmation back while the process is still at its payment step (it is applied again later)', async () => {
      // given: an order whose step is where the process is (as between the order and the wait)
      const { ctx, engine } = await paymentContext(t.db);
      const { id } = await engine.start('asteapta-plata');
      await engine.correlate('plata', { instanceId: id }, { plata: { rezultat: 'other' } });
      const [task] = await engine.listTasks({ instanceId: id });
      const order = await createPaymentOrder(ctx, { sourceKey: randomUUID(), instanceId: id, stepElementId: task!.elementId, payerName: 'Ion', description: 'Taxă', amountBani: 1500, deadlineMs: 60_000 });
      // when
      const error = await rejects(applyProviderOutcome(ctx, paid(order.reference), 'notification'));
      // then
      expect(error.code).to.equal('conflict');
      expect((await requireOrder(t.db, order.reference)).status).to.equal('pending');
    });
  });

  describe('when a card is declined', () => {
    it('lets the payer try again until the attempts run out, then fails the order on its own flow', async () => {
      // given
      const { ctx, engine, order, instanceId } = await waitingOrder();
      const declined = (n: number) => ({ reference: order.reference, providerPaymentId: `p-${n}`, status: 'declined' as const, amountBani: 1500, currency: 'RON' });
      // when
      await applyProviderOutcome(ctx, declined(1), 'notification');
      await applyProviderOutcome(ctx, declined(2), 'notification');
      expect((await requireOrder(t.db, order.reference)).status).to.equal('pending');
      await applyProviderOutcome(ctx, declined(3), 'notification');
      // then
      expect((await requireOrder(t.db, order.reference)).status).to.equal('failed');
      expect((await engine.listTasks({ instanceId })).map((x) => x.elementId)).to.deep.equal(['neplatita']);
    });
  });

  describe('when the deadline passes', () => {
    it('expires a pending order once and moves the process on', async () => {
      const { ctx, engine, order, instanceId } = await waitingOrder();
      expect((await expireOrder(ctx, order.reference)).applied).to.equal(true);
      expect((await expireOrder(ctx, order.reference)).applied).to.equal(false);
      expect((await engine.getInstance(instanceId)).variables).to.deep.include({ plata: { rezultat: 'expired', referinta: order.reference, sumaBani: 1500 } });
    });

    it('records money taken after expiry for the finance department, once, without reopening the order', async () => {
      const { ctx, order } = await waitingOrder();
      await expireOrder(ctx, order.reference);
      await applyProviderOutcome(ctx, paid(order.reference), 'notification');
      await applyProviderOutcome(ctx, paid(order.reference), 'poll');
      expect((await requireOrder(t.db, order.reference)).status).to.equal('expired');
      expect((await paymentHistory(t.db, order.id)).filter((e) => e.kind === 'paid-after-close')).to.have.length(1);
    });
  });

  describe('when a clerk confirms a payment at the counter', () => {
    it('records the receipt number and who confirmed it', async () => {
      const { ctx, order } = await waitingOrder();
      await confirmAtCounter(ctx, 'functionar@primarie.ro', order.reference, 'CH 123/2026');
      const [, confirmed] = await paymentHistory(t.db, order.id);
      expect(confirmed).to.include({ kind: 'paid', source: 'counter', actor: 'functionar@primarie.ro' });
      expect((await requireOrder(t.db, order.reference)).counterReceipt).to.equal('CH 123/2026');
    });

    it('refuses a missing receipt number and an order already closed', async () => {
      const { ctx, order } = await waitingOrder();
      expect((await rejects(confirmAtCounter(ctx, 'f', order.reference, ' '))).code).to.equal('bad-input');
      await expireOrder(ctx, order.reference);
      expect((await rejects(confirmAtCounter(ctx, 'f', order.reference, 'CH 1'))).code).to.equal('conflict');
    });
  });
});
