import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { AppError, type Database } from '../../../engine/index.ts';
import type { AppContext } from '../../../server/context.ts';
import { confirmationBatcher } from '../../../server/payments/confirmation-batcher.ts';
import { createPaymentOrder, requireOrder } from '../../../server/payments/payment-orders.ts';
import { paymentHistory } from '../../../server/payments/payment-store.ts';
import { useTestDatabase } from '../../support/database.ts';
import { paymentContext } from './payment-context.ts';

describe('payment confirmations arriving together', () => {
  const t = useTestDatabase();

  /** A payment context whose database counts the transactions it opens; one batch at a time unless asked, so what arrives together shares one. */
  async function setup(batchesAtOnce = 1) {
    const env = await paymentContext(t.db);
    const counted = { transactions: 0 };
    const db: Database = { ...t.db, transaction: (fn) => { counted.transactions += 1; return t.db.transaction(fn); } };
    const ctx = { ...env.ctx, db } as AppContext;
    const order = async () => {
      const { id } = await env.engine.start('asteapta-plata');
      return createPaymentOrder(ctx, { sourceKey: randomUUID(), instanceId: id, payerName: 'Ion Popescu', description: 'Taxă', amountBani: 1500, deadlineMs: 3_600_000 });
    };
    return { ...env, ctx, counted, order, confirm: confirmationBatcher(ctx, { batchesAtOnce }) };
  }
  const paid = (reference: string, amountBani = 1500) => ({ reference, providerPaymentId: `p-${reference}`, status: 'paid' as const, amountBani, currency: 'RON', eventId: randomUUID() });
  const paidEvents = async (orderId: string) => (await paymentHistory(t.db, orderId)).filter((e) => e.kind === 'paid').length;

  it('confirms each order once when duplicates share a transaction, and moves each process once', async () => {
    // given
    const { engine, counted, order, confirm } = await setup();
    const first = await order();
    const second = await order();
    counted.transactions = 0;
    // when: at once, two of the first and one of no order, three of the second: one batch
    const answers = await Promise.all([first, first, { reference: 'PLNOSUCHORDER' }, second, second, second].map((o) => confirm(paid(o.reference))));
    // then
    expect(counted.transactions).to.equal(1);
    expect(answers.map((a) => a?.applied)).to.deep.equal([true, false, undefined, true, false, false]);
    expect(answers.filter(Boolean).map((a) => a!.order.status)).to.deep.equal(['paid', 'paid', 'paid', 'paid', 'paid']);
    for (const o of [first, second]) {
      expect(await paidEvents(o.id)).to.equal(1);
      expect((await engine.listTasks({ instanceId: o.instanceId })).map((x) => x.elementId)).to.deep.equal(['platita']);
    }
  });

  it('shares what arrives together between two transactions at once by default, confirming each order once', async () => {
    // given
    const { engine, counted, order, confirm } = await setup(2);
    const orders = [await order(), await order(), await order()];
    counted.transactions = 0;
    // when: each order twice, at once
    const answers = await Promise.all([...orders, ...orders].map((o) => confirm(paid(o.reference))));
    // then
    expect(counted.transactions).to.equal(2);
    expect(answers.filter((a) => a?.applied)).to.have.length(3);
    expect(answers.map((a) => a?.order.status)).to.deep.equal(Array(6).fill('paid'));
    for (const o of orders) {
      expect(await paidEvents(o.id)).to.equal(1);
      expect((await engine.listTasks({ instanceId: o.instanceId })).map((x) => x.elementId)).to.deep.equal(['platita']);
    }
  });

  it('finds an order paid by an earlier batch already paid', async () => {
    // given
    const { order, confirm } = await setup();
    const o = await order();
    await confirm(paid(o.reference));
    // when
    const again = await confirm(paid(o.reference));
    // then
    expect(again).to.deep.include({ applied: false });
    expect(again!.order.status).to.equal('paid');
    expect(await paidEvents(o.id)).to.equal(1);
  });

  it('refuses only the notification whose amount differs, confirming the others of its batch', async () => {
    // given
    const { order, confirm, logged } = await setup();
    const good = await order();
    const bad = await order();
    const others = [await order(), await order()];
    // when: one batch, the bad one among them
    const [a, b, ...rest] = await Promise.allSettled([confirm(paid(good.reference)), confirm(paid(bad.reference, 9999)), ...others.map((o) => confirm(paid(o.reference)))]);
    // then
    for (const r of [a, ...rest]) expect((r as PromiseFulfilledResult<unknown>).value).to.deep.include({ applied: true });
    expect(((b as PromiseRejectedResult).reason as AppError).code).to.equal('payment-mismatch');
    for (const o of [good, ...others]) expect((await requireOrder(t.db, o.reference)).status).to.equal('paid');
    expect((await requireOrder(t.db, bad.reference)).status).to.equal('pending');
    expect(logged.join('\n')).to.match(/refused a notification saying 9999 RON/);
  });

  it('pays with the first notice that is right when one with another amount for the same order precedes it in the batch', async () => {
    // given
    const { order, confirm } = await setup();
    const o = await order();
    const right = paid(o.reference);
    // when: one batch, the wrong amount first
    const [wrong, good] = await Promise.allSettled([confirm(paid(o.reference, 1499)), confirm(right)]);
    // then: the right one paid, with its ids in the history; the wrong one, alone after it, is refused
    expect((good as PromiseFulfilledResult<unknown>).value).to.deep.include({ applied: true });
    expect(((wrong as PromiseRejectedResult).reason as AppError).code).to.equal('payment-mismatch');
    const history = (await paymentHistory(t.db, o.id)).filter((e) => e.kind === 'paid');
    expect(history.map((e) => e.detail)).to.deep.equal([{ providerPaymentId: right.providerPaymentId, eventId: right.eventId }]);
    expect(history.map((e) => [e.source, e.amountBani, e.fromStatus, e.toStatus])).to.deep.equal([['notification', 1500, 'pending', 'paid']]);
  });

  it('writes nothing of a batch whose transaction fails, and confirms each of its notifications alone', async () => {
    // given: a batch whose processes cannot all be told (the step fails after the orders were locked)
    const { ctx, engine, order, confirm } = await setup();
    const orders = [await order(), await order(), await order()];
    const correlateEach = engine.correlateEach.bind(engine);
    let failures = 0;
    engine.correlateEach = async (...args) => {
      await correlateEach(...args);
      failures += 1;
      throw new AppError('conflict', 'the batch fails after writing its steps');
    };
    // when
    const answers = await Promise.all(orders.map((o) => confirm(paid(o.reference))));
    // then: rolled back, then each alone
    expect(failures).to.be.greaterThan(0);
    expect(answers.map((a) => a?.applied)).to.deep.equal([true, true, true]);
    for (const o of orders) {
      expect(await paidEvents(o.id)).to.equal(1);
      expect((await ctx.engine.listTasks({ instanceId: o.instanceId })).map((x) => x.elementId)).to.deep.equal(['platita']);
    }
  });

  it('confirms every order of a batch with a process stale in the cache, each alone on fresh state', async () => {
    // given: another engine on the database moved one instance since this one cached it
    const { engine, order, confirm, counted } = await setup();
    const orders = [await order(), await order(), await order(), await order()];
    const other = (await paymentContext(t.db)).engine;
    await other.setVariables(orders[1]!.instanceId, { touched: true });
    counted.transactions = 0;
    // when: one batch of four with the stale one
    const answers = await Promise.all(orders.map((o) => confirm(paid(o.reference))));
    // then: the batch rolled back and each went alone
    expect(counted.transactions).to.equal(5);
    expect(answers.map((a) => a?.applied)).to.deep.equal([true, true, true, true]);
    for (const o of orders) {
      expect(await paidEvents(o.id)).to.equal(1);
      expect((await engine.listTasks({ instanceId: o.instanceId })).map((x) => x.elementId)).to.deep.equal(['platita']);
    }
  });

  it('leaves a batch with a process no longer waiting to the single path, which records that one\'s money and tells the others\' processes', async () => {
    // given: one order whose process is terminated (it no longer waits)
    const { engine, order, confirm } = await setup();
    const waiting = await order();
    const gone = await order();
    await engine.terminate(gone.instanceId, 'test');
    // when
    const answers = await Promise.all([waiting, gone].map((o) => confirm(paid(o.reference))));
    // then: the batch rolled back; alone, the money is recorded for both, the terminated process is not told
    expect(answers.map((a) => a?.applied)).to.deep.equal([true, true]);
    expect((await paymentHistory(t.db, gone.id)).map((e) => e.kind)).to.deep.equal(['created', 'paid', 'process-not-waiting']);
    expect((await engine.listTasks({ instanceId: waiting.instanceId })).map((x) => x.elementId)).to.deep.equal(['platita']);
  });
});
