import { expect } from 'chai';
import { confirmAtCounter } from '../../../server/payments/payment-orders.ts';
import { ordersOfRequest } from '../../../server/payments/payment-store.ts';
import { useTestDatabase } from '../../support/database.ts';
import { signInSession, type TestServer } from '../../support/server.ts';
import { serverWithTaxaTest } from '../payments/taxa-test.ts';

describe('the clerks’ list of payment orders', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await serverWithTaxaTest(t.db); });
  afterEach(async () => { await s.close(); });

  /** Files a fee-bearing request (its payment step runs) and returns the order's reference. */
  async function feeRequest(token: string, name: string): Promise<string> {
    const sent = await s.api('/api/v1/procedures/taxa-test/requests', { token, body: { nume: name } });
    await s.ctx.engine.tick();
    return (await ordersOfRequest(s.ctx.db, sent.body.id))[0]!.reference;
  }

  it('shows a clerk the orders of requests their department worked on, with the sums collected, and an admin every order', async () => {
    // given: one order paid at the counter (its request reached the registry's check), one still waiting
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const admin = await s.user('admin@primarie.ro', 'admin');
    const paid = await feeRequest(citizen.token, 'Maria Ionescu');
    const waiting = await feeRequest(citizen.token, 'Ștefan Țurcanu');
    await confirmAtCounter(s.ctx, ana.email, paid, 'CH 31/2026');
    // when
    const clerkPage = await (await (await signInSession(s, ana.email, ana.password)).page('/lucru/plati')).text();
    const adminPage = await (await (await signInSession(s, admin.email, admin.password)).page('/lucru/plati')).text();
    // then
    expect(clerkPage).to.contain(paid).and.not.to.contain(waiting);
    expect(clerkPage).to.match(/Încasat: <strong>15,00 lei<\/strong>/);
    expect(adminPage).to.contain(paid).and.to.contain(waiting);
  });

  it('filters by status and ignores a status it does not know', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const admin = await s.user('admin@primarie.ro', 'admin');
    const paid = await feeRequest(citizen.token, 'Maria Ionescu');
    const waiting = await feeRequest(citizen.token, 'Ion Popa');
    await confirmAtCounter(s.ctx, admin.email, paid, 'CH 32/2026');
    const session = await signInSession(s, admin.email, admin.password);
    const pending = await (await session.page('/lucru/plati?status=pending&lang=en')).text();
    expect(pending).to.contain(waiting).and.not.to.contain(`>${paid}<`);
    expect(pending).to.contain('Collected: <strong>0,00 lei</strong>');
    const odd = await session.page('/lucru/plati?status=%27%3Bdrop');
    expect(odd.status).to.equal(200);
    expect(await odd.text()).to.contain(paid).and.to.contain(waiting);
  });

  it('is not shown to a clerk of another department', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const dan = await s.user('dan@primarie.ro', 'clerk', ['taxe']);
    const paid = await feeRequest(citizen.token, 'Maria Ionescu');
    await confirmAtCounter(s.ctx, 'ana@primarie.ro', paid, 'CH 33/2026');
    const page = await (await (await signInSession(s, dan.email, dan.password)).page('/lucru/plati')).text();
    expect(page).not.to.contain(paid);
    expect(page).to.contain('Niciun ordin de plată nu corespunde.');
  });
});
