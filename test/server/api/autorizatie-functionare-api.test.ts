import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const REQUEST = {
  firma: { denumire: 'Exemplu Comerț SRL', cui: 'RO14399840', reprezentant: 'Maria Ionescu' },
  email: 'maria@exemplu.ro',
  activitate: { caen: '4711', descriere: 'Comerț cu amănuntul, magazin alimentar' },
  sediu: { strada: 'Str. Lungă nr. 7', localitate: 'Brașov' },
};

/** The operating authorisation through the JSON API (OUG 27/2003). */
describe('the JSON API, through an operating authorisation (OUG 27/2003)', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('refuses a CUI with a wrong check digit and a CAEN code that is not 4 digits', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const res = await s.api('/api/v1/procedures/autorizatie-functionare/requests', { token: citizen.token, body: { ...REQUEST, firma: { ...REQUEST.firma, cui: '14399841' }, activitate: { ...REQUEST.activitate, caen: '47' } } });
    expect(res.status).to.equal(422);
    expect(res.body.error.details.map((d: { pointer: string }) => d.pointer)).to.include.members(['/firma/cui', '/activitate/caen']);
  });

  it('asks for the missing documents without stopping the term, and extends it by 10 days (art. 6 alin. (4), (5))', async () => {
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const clerk = await s.user('radu@primarie.ro', 'clerk', ['autorizari']);
    const submitted = (await s.api('/api/v1/procedures/autorizatie-functionare/requests', { token: maria.token, body: REQUEST })).body;
    expect(submitted).to.include({ registrationNumber: '1/02.03.2026', dueDate: '2026-04-01' }); // Mon 03-02 + 30 days

    s.clock.set('2026-03-20T09:00:00Z');
    expect((await s.api(`/api/v1/requests/${submitted.id}/completion`, { token: clerk.token, body: { message: 'Depuneți contractul de închiriere.' } })).status).to.equal(201);
    let view = (await s.api(`/api/v1/requests/${submitted.id}`, { token: maria.token })).body;
    expect(view.clock.state).to.equal('running');
    expect(view.dueDate).to.equal('2026-04-01');

    const [check] = (await s.api('/api/v1/tasks', { token: clerk.token })).body.tasks;
    expect(check.elementId).to.equal('verificare');
    await s.api(`/api/v1/tasks/${check.id}/complete`, { token: clerk.token, body: { data: { complet: false, acteLipsa: 'Contractul de închiriere' } } });
    view = (await s.api(`/api/v1/requests/${submitted.id}`, { token: maria.token })).body;
    expect(view.dueDate).to.equal('2026-04-14'); // 04-01 + 10 = Sat 04-11; Easter 12-13 April -> Tue 04-14
  });
});
