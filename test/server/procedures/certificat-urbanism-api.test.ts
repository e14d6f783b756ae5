import { expect } from 'chai';
import { confirmAtCounter } from '../../../server/payments/payment-orders.ts';
import { ordersOfRequest } from '../../../server/payments/payment-store.ts';
import { useTestDatabase } from '../../support/database.ts';
import { SAMPLE_PDF } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

type Citizen = Awaited<ReturnType<TestServer['user']>>;

const PLOT = { adresa: 'Str. Lungă nr. 7, Brașov', numarCadastral: '123456', suprafata: 1200 };

/**
 * The urban planning certificate through the JSON API: the fee from the area (Codul fiscal art. 474
 * alin. (1)), paid at the counter, analysed by urbanism and issued by the registry with a verification code.
 */
describe('certificat-urbanism through the API', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  // Mon 26 April 2027; Good Friday 30 April, 1 May, Easter Sunday 2 May and Easter Monday 3 May 2027.
  beforeEach(async () => { s = await startTestServer(t.db, '2027-04-26T07:00:00Z'); });
  afterEach(async () => { await s.close(); });

  async function uploads(citizen: Citizen): Promise<Record<string, unknown[]>> {
    const form = new FormData();
    form.set('planSituatie', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'plan.pdf');
    form.set('extrasCF', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'extras-cf.pdf');
    const res = await s.api('/api/v1/procedures/certificat-urbanism/uploads', { token: citizen.token, body: form });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.uploads;
  }

  async function openTask(token: string, group: string, elementId: string): Promise<{ id: string }> {
    const { tasks } = (await s.api(`/api/v1/tasks?group=${group}`, { token })).body as { tasks: Array<{ id: string; elementId: string }> };
    const task = tasks.find((x) => x.elementId === elementId);
    expect(task, `${elementId} in ${group}`).to.not.equal(undefined);
    return task!;
  }

  it('refuses a person without a valid CNP and a company without its CUI', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const files = await uploads(citizen);
    const base = { email: 'maria@exemplu.ro', teren: PLOT, scop: 'construire', ...files };
    const badCnp = await s.api('/api/v1/procedures/certificat-urbanism/requests', { token: citizen.token, body: { ...base, tipSolicitant: 'persoana-fizica', nume: 'Maria Ionescu', cnp: '1800101400017' } });
    expect(badCnp.status).to.equal(422);
    expect(badCnp.body.error.details.map((d: { pointer: string }) => d.pointer)).to.include('/cnp');
    const noCui = await s.api('/api/v1/procedures/certificat-urbanism/requests', { token: citizen.token, body: { ...base, tipSolicitant: 'persoana-juridica', denumire: 'Exemplu Construct SRL' } });
    expect(noCui.status).to.equal(422);
    const noArea = await s.api('/api/v1/procedures/certificat-urbanism/requests', { token: citizen.token, body: { ...base, tipSolicitant: 'persoana-juridica', denumire: 'Exemplu Construct SRL', cui: '14399840', teren: { ...PLOT, suprafata: 0 } } });
    expect(noArea.status).to.equal(422);
    expect(await t.db.query('select id from requests')).to.have.length(0);
  });

  it('computes the fee from the area, waits for the counter payment, and issues the certificate with a verification code', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const urbanist = await s.user('ion@primarie.ro', 'clerk', ['urbanism']);
    const registry = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const filed = await s.api('/api/v1/procedures/certificat-urbanism/requests', {
      token: citizen.token,
      body: { tipSolicitant: 'persoana-fizica', nume: 'Maria Ionescu', cnp: '1800101400016', email: 'maria@exemplu.ro', teren: PLOT, scop: 'construire', ...(await uploads(citizen)) },
    });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    // Mon 04-26 + 15 working days, past Good Friday, 1 May, Easter and Easter Monday: Wed 2027-05-19
    expect(filed.body).to.include({ registrationNumber: '1/26.04.2027', dueDate: '2027-05-19' });

    await s.ctx.engine.tick();
    const [order] = await ordersOfRequest(s.ctx.db, filed.body.id);
    // 1200 m²: 14 lei + 0,01 lei × 200 m² = 16 lei
    expect(order).to.include({ amountBani: 1600, status: 'pending', description: 'Taxă eliberare certificat de urbanism', registrationNumber: '1/26.04.2027' });
    const { tasks: before } = (await s.api('/api/v1/tasks?group=urbanism', { token: urbanist.token })).body as { tasks: unknown[] };
    expect(before).to.have.length(0);

    await confirmAtCounter(s.ctx, registry.id, order!.reference, 'CH 12/2027');
    s.clock.set('2027-05-06T07:00:00Z');
    const analiza = await openTask(urbanist.token, 'urbanism', 'analiza');
    const analysed = await s.api(`/api/v1/tasks/${analiza.id}/complete`, { token: urbanist.token, body: { data: { regimJuridic: 'Intravilan, proprietate privată.', regimEconomic: 'Zonă rezidențială (PUG 2020).', regimTehnic: 'POT 35%, CUT 1,2, P+2E.' } } });
    expect(analysed.status, JSON.stringify(analysed.body)).to.equal(200);

    const eliberare = await openTask(registry.token, 'registratura', 'eliberare');
    const issued = await s.api(`/api/v1/tasks/${eliberare.id}/complete`, { token: registry.token, body: { data: { valabilitateLuni: 12, semnatar: 'Ion Arhitect-șef' } } });
    expect(issued.status, JSON.stringify(issued.body)).to.equal(200);
    expect(issued.body.document.registrationNumber).to.be.a('string');

    // The certificate, beside the payment's registered receipt (issued after the payment committed).
    await Promise.all([...s.ctx.background]);
    const docs = await s.ctx.db.query<{ kind: string; html: string; verification_code: string }>('select kind, html, verification_code from documents where request_id = $1 order by issued_at', [filed.body.id]);
    expect(docs.map((d) => d.kind)).to.include('dovada-platii');
    const doc = docs.find((d) => d.kind !== 'dovada-platii');
    expect(doc!.verification_code).to.match(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(doc!.html).to.contain('CERTIFICAT DE URBANISM').and.to.contain('POT 35%, CUT 1,2, P+2E.').and.to.contain('16 lei').and.to.contain('12 luni').and.to.contain(doc!.verification_code);
    const verified = await fetch(`${s.base}/verificare/${doc!.verification_code}`);
    expect(verified.status).to.equal(200);

    const view = (await s.api(`/api/v1/requests/${filed.body.id}`, { token: citizen.token })).body;
    expect(view.clock.state).to.equal('suspended');
    expect(view.documents).to.have.length(2);
  });

  describe('when a paid request is withdrawn or rejected', () => {
    async function paidRequest(citizen: Citizen) {
      const registry = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const filed = await s.api('/api/v1/procedures/certificat-urbanism/requests', {
        token: citizen.token,
        body: { tipSolicitant: 'persoana-fizica', nume: 'Maria Ionescu', cnp: '1800101400016', email: 'maria@exemplu.ro', teren: PLOT, scop: 'construire', ...(await uploads(citizen)) },
      });
      expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
      await s.ctx.engine.tick();
      const [order] = await ordersOfRequest(s.ctx.db, filed.body.id);
      return { id: filed.body.id as string, order: order!, pay: () => confirmAtCounter(s.ctx, registry.id, order!.reference, 'CH 13/2027') };
    }
    const refunded = async (requestId: string) => {
      await s.ctx.engine.tick();
      return (await ordersOfRequest(s.ctx.db, requestId))[0]!;
    };

    it('lets the applicant withdraw it during the analysis, and refunds the whole fee', async () => {
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const request = await paidRequest(citizen);
      const early = await s.api(`/api/v1/requests/${request.id}/withdrawal`, { token: citizen.token, method: 'POST' });
      expect(early.status, 'before the fee is paid, nothing awaits a withdrawal').to.equal(409);
      await request.pay();
      const other = await s.user('ion.popescu@exemplu.ro', 'citizen');
      expect((await s.api(`/api/v1/requests/${request.id}/withdrawal`, { token: other.token, method: 'POST' })).status).to.equal(404);
      const res = await s.api(`/api/v1/requests/${request.id}/withdrawal`, { token: citizen.token, method: 'POST' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(await refunded(request.id)).to.include({ status: 'refunded', refundedBani: 1600 });
      expect(await s.ctx.db.query("select 1 from payment_events e join payment_orders o on o.id = e.order_id where o.reference = $1 and e.kind = 'refunded'", [request.order.reference])).to.have.length(1);
      const view = (await s.api(`/api/v1/requests/${request.id}`, { token: citizen.token })).body;
      expect(view.status).to.equal('completed');
      const again = await s.api(`/api/v1/requests/${request.id}/withdrawal`, { token: citizen.token, method: 'POST' });
      expect(again.status).to.equal(409);
      expect((await refunded(request.id)).refundedBani, 'refunded once').to.equal(1600);
    });

    it('offers the withdrawal on the request page while it can be withdrawn, and withdraws from there', async () => {
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const request = await paidRequest(citizen);
      const session = await signInSession(s, citizen.email, citizen.password);
      expect(await (await session.page(`/cereri/${request.id}`)).text()).not.to.contain('/retragere');
      await request.pay();
      expect(await (await session.page(`/cereri/${request.id}`)).text()).to.contain(`action="/cereri/${request.id}/retragere"`).and.to.contain('Retrag cererea');
      const res = await session.post(`/cereri/${request.id}/retragere`, {});
      expect(res.status).to.equal(303);
      expect(await refunded(request.id)).to.include({ status: 'refunded' });
      expect(await (await session.page(`/cereri/${request.id}`)).text()).not.to.contain('Retrag cererea');
    });

    it('refunds the fee when urbanism rejects the request, and asks the reason', async () => {
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const urbanist = await s.user('ion@primarie.ro', 'clerk', ['urbanism']);
      const request = await paidRequest(citizen);
      await request.pay();
      const analiza = await openTask(urbanist.token, 'urbanism', 'analiza');
      const regimes = { regimJuridic: 'Intravilan.', regimEconomic: 'Rezidențial.', regimTehnic: 'POT 35%.' };
      const noReason = await s.api(`/api/v1/tasks/${analiza.id}/complete`, { token: urbanist.token, body: { data: { ...regimes, respinge: true } } });
      expect(noReason.status).to.equal(422);
      const rejected = await s.api(`/api/v1/tasks/${analiza.id}/complete`, { token: urbanist.token, body: { data: { ...regimes, respinge: true, motivRespingere: 'Lipsește planul de situație vizat.' } } });
      expect(rejected.status, JSON.stringify(rejected.body)).to.equal(200);
      expect(await refunded(request.id)).to.include({ status: 'refunded', refundedBani: 1600 });
      const { tasks } = (await s.api('/api/v1/tasks?group=registratura', { token: (await s.user('ana2@primarie.ro', 'clerk', ['registratura'])).token })).body as { tasks: unknown[] };
      expect(tasks, 'nothing is issued').to.have.length(0);
    });
  });
});
