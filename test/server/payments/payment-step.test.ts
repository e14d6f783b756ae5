import { expect } from 'chai';
import { applyProviderOutcome, expireOrder } from '../../../server/payments/payment-orders.ts';
import { ordersOfRequest } from '../../../server/payments/payment-store.ts';
import { useTestDatabase } from '../../support/database.ts';
import type { TestServer } from '../../support/server.ts';
import { serverWithTaxaTest } from './taxa-test.ts';


describe('the payment step of a procedure', () => {
  const t = useTestDatabase();
  let s: TestServer;
  afterEach(async () => { await s?.close(); });

  async function submit(data: Record<string, unknown>) {
    s = await serverWithTaxaTest(t.db);
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const res = await s.api('/api/v1/procedures/taxa-test/requests', { token: citizen.token, body: data });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await s.ctx.engine.tick();
    const [order] = await ordersOfRequest(s.ctx.db, res.body.id);
    const { instance_id: instanceId } = (await s.ctx.db.query<{ instance_id: string }>('select instance_id from requests where id = $1', [res.body.id]))[0]!;
    return { requestId: res.body.id as string, registrationNumber: res.body.registrationNumber as string, order: order!, instanceId };
  }

  it('creates one order whose amount the procedure’s fee table and the form data give, and waits', async () => {
    // when
    const { order, registrationNumber, instanceId } = await submit({ nume: 'Maria Ionescu', urgent: true });
    // then
    expect(order).to.include({ amountBani: 6500, status: 'pending', registrationNumber, payerEmail: 'maria@exemplu.ro', description: 'Taxă eliberare adeverință' });
    expect(order.expiresAt.getTime() - order.createdAt.getTime()).to.equal(3_600_000);
    expect((await s.ctx.engine.getInstance(instanceId)).active).to.deep.equal(['asteptarePlata']);
  });

  it('does not add the urgency fee when the citizen did not ask for it', async () => {
    const { order } = await submit({ nume: 'Maria Ionescu' });
    expect(order.amountBani).to.equal(1500);
  });

  it('moves the request on to the clerk once paid', async () => {
    // given
    const { order, instanceId } = await submit({ nume: 'Maria Ionescu' });
    // when
    await applyProviderOutcome(s.ctx, { reference: order.reference, providerPaymentId: 'p', status: 'paid', amountBani: 1500, currency: 'RON' }, 'notification');
    // then
    expect((await s.ctx.engine.listTasks({ instanceId })).map((x) => x.elementId)).to.deep.equal(['verificare']);
  });

  it('ends the request on the unpaid flow when the order expires', async () => {
    // given
    const { order, instanceId } = await submit({ nume: 'Maria Ionescu' });
    // when
    await expireOrder(s.ctx, order.reference);
    // then
    const instance = await s.ctx.engine.getInstance(instanceId);
    expect(instance.status).to.equal('completed');
    expect(instance.events.some((e) => e.elementId === 'anulata')).to.equal(true);
  });
});
