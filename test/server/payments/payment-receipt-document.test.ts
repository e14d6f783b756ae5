import { expect } from 'chai';
import { applyProviderOutcome, confirmAtCounter } from '../../../server/payments/payment-orders.ts';
import { issueAwaitingReceipts, issuePaymentReceipt, RECEIPT_KIND } from '../../../server/payments/payment-receipt-document.ts';
import { findOrder, ordersOfRequest } from '../../../server/payments/payment-store.ts';
import { useTestDatabase } from '../../support/database.ts';
import type { TestServer } from '../../support/server.ts';
import { serverWithTaxaTest } from './taxa-test.ts';

describe('the receipt of a payment', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await serverWithTaxaTest(t.db); });
  afterEach(async () => { await s.close(); });

  async function feeOrder() {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const sent = await s.api('/api/v1/procedures/taxa-test/requests', { token: citizen.token, body: { nume: 'Maria Ionescu' } });
    await s.ctx.engine.tick();
    return { citizen, requestId: sent.body.id as string, order: (await ordersOfRequest(s.ctx.db, sent.body.id))[0]! };
  }

  const receipts = (requestId: string) => t.db.query<{ id: string; registration_number: string; verification_code: string; html: string }>(
    'select id, registration_number, verification_code, html from documents where request_id = $1 and kind = $2', [requestId, RECEIPT_KIND]);

  it('is issued once the card payment commits, as a registered, verifiable document of the request', async () => {
    // given
    const { citizen, requestId, order } = await feeOrder();
    // when: the notification, then its duplicate
    await applyProviderOutcome(s.ctx, { reference: order.reference, providerPaymentId: 'sim_41', status: 'paid', amountBani: 1500, currency: 'RON' }, 'notification');
    await applyProviderOutcome(s.ctx, { reference: order.reference, providerPaymentId: 'sim_41', status: 'paid', amountBani: 1500, currency: 'RON' }, 'notification');
    await Promise.all([...s.ctx.background]);
    // then
    const docs = await receipts(requestId);
    expect(docs).to.have.length(1);
    expect(docs[0]!.html).to.contain('15,00 lei').and.to.contain('sim_41').and.to.contain(order.reference).and.to.contain(docs[0]!.registration_number);
    expect((await findOrder(t.db, order.reference))!.receiptDocumentId).to.equal(docs[0]!.id);
    const verified = await fetch(`${s.base}/verificare/${docs[0]!.verification_code}`);
    expect(await verified.text()).to.contain(docs[0]!.registration_number);
    const listed = await s.api(`/api/v1/requests/${requestId}`, { token: citizen.token });
    expect(JSON.stringify(listed.body.documents)).to.contain(docs[0]!.id);
  });

  it('names the counter receipt when paid at the counter', async () => {
    const { requestId, order } = await feeOrder();
    await confirmAtCounter(s.ctx, 'ana@primarie.ro', order.reference, 'CH 88/2026');
    await Promise.all([...s.ctx.background]);
    const [doc] = await receipts(requestId);
    expect(doc!.html).to.contain('la ghișeu, chitanța CH 88/2026');
  });

  it('is issued later for a paid order whose process stopped before issuing it, and never twice', async () => {
    // given: paid, its receipt lost with the process (the background work never ran)
    const { requestId, order } = await feeOrder();
    await applyProviderOutcome(s.ctx, { reference: order.reference, providerPaymentId: 'sim_42', status: 'paid', amountBani: 1500, currency: 'RON' }, 'notification');
    await Promise.all([...s.ctx.background]);
    await t.db.query('update payment_orders set receipt_document_id = null where reference = $1', [order.reference]);
    await t.db.query('delete from documents where request_id = $1 and kind = $2', [requestId, RECEIPT_KIND]);
    // when: the poll and a racing direct call
    const [polled, direct] = await Promise.all([issueAwaitingReceipts(s.ctx), issuePaymentReceipt(s.ctx, order.reference)]);
    // then
    expect(polled + (direct ? 1 : 0)).to.equal(1);
    expect(await receipts(requestId)).to.have.length(1);
    expect(await issueAwaitingReceipts(s.ctx)).to.equal(0);
  });

  it('is not issued for an order that is not paid', async () => {
    const { requestId, order } = await feeOrder();
    expect(await issuePaymentReceipt(s.ctx, order.reference)).to.equal(undefined);
    expect(await receipts(requestId)).to.have.length(0);
  });
});
