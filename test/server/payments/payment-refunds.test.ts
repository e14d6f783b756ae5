import { expect } from 'chai';
import { AppError } from '../../../engine/index.ts';
import { applyProviderOutcome, confirmAtCounter, requireOrder } from '../../../server/payments/payment-orders.ts';
import { refundOrder } from '../../../server/payments/payment-refunds.ts';
import { ordersOfRequest, paymentHistory } from '../../../server/payments/payment-store.ts';
import { paymentSettingsFromEnv } from '../../../server/payments/payment-settings.ts';
import { createPayments } from '../../../server/payments/payments.ts';
import { startSimulator } from '../../../server/payments/simulator/simulator.ts';
import { useTestDatabase } from '../../support/database.ts';
import type { TestServer } from '../../support/server.ts';
import { serverWithTaxaTest } from './taxa-test.ts';

const SECRET = 'refund-test-secret';

async function code(promise: Promise<unknown>): Promise<string> {
  try { await promise; } catch (err) { return (err as AppError).code; }
  return 'accepted';
}

describe('refunds', () => {
  const t = useTestDatabase();
  let s: TestServer;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  before(async () => { sim = await startSimulator({ secret: SECRET, mode: 'never' }); });
  after(() => sim.close());
  afterEach(async () => { await s?.close(); });

  /** A paid request of taxa-test, paid by card (the simulator) or at the counter. */
  async function paidRequest(how: 'card' | 'counter') {
    s = await serverWithTaxaTest(t.db);
    s.ctx.payments = createPayments({ ...paymentSettingsFromEnv({}), secret: SECRET, gatewayUrl: sim.url });
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const res = await s.api('/api/v1/procedures/taxa-test/requests', { token: citizen.token, body: { nume: 'Maria Ionescu' } });
    await s.ctx.engine.tick();
    const [order] = await ordersOfRequest(s.ctx.db, res.body.id);
    if (how === 'card') await applyProviderOutcome(s.ctx, { reference: order!.reference, providerPaymentId: 'sim_x', status: 'paid', amountBani: 1500, currency: 'RON' }, 'notification');
    else await confirmAtCounter(s.ctx, 'ana@primarie.ro', order!.reference, 'CH 7');
    const instanceId = (await s.ctx.db.query<{ instance_id: string }>('select instance_id from requests where id = $1', [res.body.id]))[0]!.instance_id;
    return { order: order!, instanceId };
  }

  it('refunds the whole fee through the provider when the clerk rejects a paid request', async () => {
    // given
    const { order, instanceId } = await paidRequest('card');
    const [task] = await s.ctx.engine.listTasks({ instanceId });
    // when
    await s.ctx.engine.completeTask(task!.id, { aprobat: false });
    await s.ctx.engine.tick();
    // then
    expect(await requireOrder(s.ctx.db, order.reference)).to.include({ status: 'refunded', refundedBani: 1500 });
    const refund = (await paymentHistory(s.ctx.db, order.id)).find((e) => e.kind === 'refunded')!;
    expect(refund).to.include({ source: 'process', amountBani: 1500 });
    expect(refund.detail.refundId).to.match(/^ref_/);
    const instance = await s.ctx.engine.getInstance(instanceId);
    expect(instance.status).to.equal('completed');
    expect(instance.variables.plata).to.include({ rezultat: 'refunded', rambursatBani: 1500 });
  });

  it('refuses a refund above the paid amount, and a partial one the procedure does not allow', async () => {
    const { order } = await paidRequest('card');
    expect(await code(refundOrder(s.ctx, { reference: order.reference, amountBani: 1501, actor: 'ana', key: 'k1', source: 'clerk' }))).to.equal('refund-invalid');
    expect(await code(refundOrder(s.ctx, { reference: order.reference, amountBani: 500, actor: 'ana', key: 'k2', source: 'clerk' }))).to.equal('refund-invalid');
    expect(await code(refundOrder(s.ctx, { reference: order.reference, amountBani: -5, actor: 'ana', key: 'k3', source: 'clerk' }))).to.equal('payment-amount-invalid');
    expect((await requireOrder(s.ctx.db, order.reference)).refundedBani).to.equal(0);
  });

  it('allows partial refunds where the procedure does, never beyond what was paid', async () => {
    // given
    const { order } = await paidRequest('card');
    await s.ctx.db.query('update payment_orders set allow_partial_refund = true where id = $1', [order.id]);
    // when
    await refundOrder(s.ctx, { reference: order.reference, amountBani: 500, actor: 'ana', key: 'a', source: 'clerk' });
    const after = await refundOrder(s.ctx, { reference: order.reference, amountBani: 1000, actor: 'ana', key: 'b', source: 'clerk' });
    // then
    expect(after).to.include({ status: 'refunded', refundedBani: 1500 });
    expect(await code(refundOrder(s.ctx, { reference: order.reference, amountBani: 1, actor: 'ana', key: 'c', source: 'clerk' }))).to.equal('refund-invalid');
  });

  it('records a counter payment’s refund as the clerk’s, without the provider', async () => {
    const { order } = await paidRequest('counter');
    const after = await refundOrder(s.ctx, { reference: order.reference, actor: 'ana@primarie.ro', key: 'k', source: 'clerk' });
    expect(after.status).to.equal('refunded');
    expect((await paymentHistory(s.ctx.db, order.id)).at(-1)).to.include({ kind: 'refunded', actor: 'ana@primarie.ro', source: 'clerk' });
  });

  it('does not refund an order that was not paid', async () => {
    s = await serverWithTaxaTest(t.db);
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const res = await s.api('/api/v1/procedures/taxa-test/requests', { token: citizen.token, body: { nume: 'Maria Ionescu' } });
    await s.ctx.engine.tick();
    const [order] = await ordersOfRequest(s.ctx.db, res.body.id);
    expect(await code(refundOrder(s.ctx, { reference: order!.reference, actor: 'ana', key: 'k', source: 'clerk' }))).to.equal('refund-invalid');
  });
});
