import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

const NOTE = 'Notă internă: petentul a mai sesizat și în 2025.';

describe('the clerk’s internal notes on a request', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('are written and read by the clerks of the request’s department and by admins, with their authors’ names', async () => {
    // given
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const ion = await s.user('ion@primarie.ro', 'clerk', ['registratura']);
    const admin = await s.user('admin@primarie.ro', 'admin');
    const { id } = (await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION })).body;
    // when
    const written = await (await signInSession(s, ana.email, ana.password)).post(`/lucru/cereri/${id}/note`, { note: NOTE });
    // then
    expect(written.status).to.equal(303);
    for (const reader of [ion, admin]) {
      const page = await (await (await signInSession(s, reader.email, reader.password)).page(`/lucru/cereri/${id}`)).text();
      expect(page).to.contain(NOTE).and.to.contain('<strong>ana</strong>');
    }
  });

  it('are not read or written by a clerk of another department, and refuse an empty note', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const dan = await s.user('dan@primarie.ro', 'clerk', ['taxe']);
    const { id } = (await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION })).body;
    await (await signInSession(s, ana.email, ana.password)).post(`/lucru/cereri/${id}/note`, { note: NOTE });
    const other = await signInSession(s, dan.email, dan.password);
    expect((await other.page(`/lucru/cereri/${id}`)).status).to.equal(404);
    expect((await other.post(`/lucru/cereri/${id}/note`, { note: 'Nu ar trebui.' })).status).to.equal(404);
    expect((await (await signInSession(s, ana.email, ana.password)).post(`/lucru/cereri/${id}/note`, { note: '   ' })).status).to.equal(400);
    const [{ n }] = await t.db.query<{ n: number }>('select count(*)::int as n from case_notes');
    expect(n).to.equal(1);
  });

  it('never reach the citizen: not on the request page, the list, the receipt or the API', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const submitted = (await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION })).body;
    await (await signInSession(s, ana.email, ana.password)).post(`/lucru/cereri/${submitted.id}/note`, { note: NOTE });
    const own = await signInSession(s, citizen.email, citizen.password);
    const seen = [
      await (await own.page(`/cereri/${submitted.id}`)).text(),
      await (await own.page(`/cereri/${submitted.id}/recipisa`)).text(),
      await (await own.page('/cereri')).text(),
      JSON.stringify((await s.api(`/api/v1/requests/${submitted.id}`, { token: citizen.token })).body),
    ];
    for (const text of seen) expect(text).not.to.contain('Notă internă');
    expect((await own.page(`/lucru/cereri/${submitted.id}`)).status).to.equal(403);
    expect((await own.post(`/lucru/cereri/${submitted.id}/note`, { note: 'Eu sunt petentul.' })).status).to.equal(403);
  });
});
