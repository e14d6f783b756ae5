import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../engine/index.ts';
import { applyProviderOutcome, confirmAtCounter, createPaymentOrder, expireOrder } from '../../../server/payments/payment-orders.ts';
import { exportPayments, importSettlement, reconcile, settlementLineCount } from '../../../server/payments/reconciliation.ts';
import { useTestDatabase } from '../../support/database.ts';
import { paymentContext } from './payment-context.ts';

describe('daily reconciliation', () => {
  const t = useTestDatabase();
  const day = '2026-03-02';

  async function orders() {
    const env = await paymentContext(t.db);
    const make = async () => {
      const { id } = await env.engine.start('asteapta-plata');
      return (await createPaymentOrder(env.ctx, { sourceKey: randomUUID(), instanceId: id, payerName: 'Ion, "Popescu"', description: 'Taxă', amountBani: 1500, deadlineMs: 3_600_000 })).reference;
    };
    const [paid, unsettled, expired, counter] = [await make(), await make(), await make(), await make()];
    for (const reference of [paid, unsettled]) await applyProviderOutcome(env.ctx, { reference, providerPaymentId: `p-${reference}`, status: 'paid', amountBani: 1500, currency: 'RON' }, 'notification');
    await expireOrder(env.ctx, expired);
    await confirmAtCounter(env.ctx, 'ana', counter, 'CH 1');
    return { ...env, paid, unsettled, expired, counter };
  }

  it('lists what the settlement and the orders disagree on, and nothing else', async () => {
    // given
    const { paid, unsettled, expired, clock } = await orders();
    const csv = `reference,payment_id,amount_bani,currency,kind\n${paid},p1,1500,RON,payment\n${expired},p2,1500,RON,payment\nPL-STRANGER,p3,700,RON,payment\n`;
    // when
    expect(await importSettlement(t.db, day, csv, clock.now())).to.deep.equal({ imported: 3, already: 0 });
    const mismatches = await reconcile(t.db, day);
    // then
    expect(mismatches.map((m) => [m.reference, m.problem])).to.have.deep.members([
      [expired, 'not-paid-here'], ['PL-STRANGER', 'unknown-reference'], [unsettled, 'missing-from-settlement'],
    ]);
  });

  it('imports a settlement file once however often it is imported', async () => {
    const { paid, clock } = await orders();
    const csv = `reference,payment_id,amount_bani,currency,kind\n${paid},p1,1400,RON,payment\n`;
    await importSettlement(t.db, day, csv, clock.now());
    expect(await importSettlement(t.db, day, csv, clock.now())).to.deep.equal({ imported: 0, already: 1 });
    expect((await reconcile(t.db, day)).find((m) => m.reference === paid)).to.include({ problem: 'amount-differs', settledBani: 1400, orderBani: 1500 });
  });

  it('refuses a settlement file without its header or with a malformed line', async () => {
    const refused = async (csv: string) => importSettlement(t.db, day, csv, new Date()).then(() => 'accepted', (err: AppError) => err.code);
    expect(await refused('PL1,p,1500,RON,payment\n')).to.equal('bad-input');
    expect(await refused('reference,payment_id,amount_bani,currency,kind\nPL1,p,15.00,RON,payment\n')).to.equal('bad-input');
  });

  it('refuses a day the calendar does not have, and an export whose first day is after its last, before any statement', async () => {
    const refused = async (work: Promise<unknown>) => work.then(() => 'accepted', (err: AppError) => err.code);
    expect(await refused(importSettlement(t.db, '2026-13-45', 'reference,payment_id,amount_bani,currency,kind\n', new Date()))).to.equal('bad-input');
    expect(await refused(reconcile(t.db, '2026-02-30'))).to.equal('bad-input');
    expect(await refused(settlementLineCount(t.db, '02.03.2026'))).to.equal('bad-input');
    expect(await refused(exportPayments(t.db, '2026-03-02', '2026-03-01'))).to.equal('bad-input');
    expect(await refused(exportPayments(t.db, '2026-03-01', '2026-03-02'))).to.equal('accepted');
  });

  it('exports every paid order of the days for the accounting system, card and counter', async () => {
    const { paid, counter } = await orders();
    const csv = await exportPayments(t.db, day, day);
    const lines = csv.trim().split('\n');
    expect(lines[0]).to.equal('reference,registration_number,payer,description,paid_bani,refunded_bani,status,method,receipt_or_payment_id,paid_at');
    expect(lines).to.have.length(4);
    expect(lines.find((l) => l.startsWith(paid))).to.include(',1500,0,paid,card,p-');
    expect(lines.find((l) => l.startsWith(counter))).to.include('"Ion, ""Popescu"""').and.include(',counter,CH 1,');
  });
});
