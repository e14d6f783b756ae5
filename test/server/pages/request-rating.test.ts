import { expect } from 'chai';
import { createApiToken } from '../../../server/auth/tokens.ts';
import { useTestDatabase } from '../../support/database.ts';
import { decide, deployQualityProcedure, receive } from '../../support/quality-fixture.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

describe('a citizen\'s rating of an ended request (/cereri/:id/evaluare)', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s: TestServer;
  let owner: Awaited<ReturnType<typeof signInSession>>;
  let ownerToken: string;
  let ended: string;
  let open: string;

  beforeEach(async () => {
    s = await startTestServer(t.db);
    await deployQualityProcedure(s);
    await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const a = await receive(s, '2026-12-01T08:00:00Z', citizen.id);
    const b = await receive(s, '2026-12-02T08:00:00Z', citizen.id);
    await decide(s, a.instanceId, '2026-12-03T12:00:00Z', false);
    s.clock.set('2026-12-04T09:00:00Z');
    ended = a.requestId;
    open = b.requestId;
    owner = await signInSession(s, citizen.email, citizen.password);
    // Made now: a token made at the server's start (March) has expired by December.
    ownerToken = await createApiToken(t.db, citizen.id, s.clock.now());
  });
  afterEach(async () => { await s.close(); });

  it('offers the form on the ended request\'s page only, in a fieldset with a legend', async () => {
    const html = await (await owner.page(`/cereri/${ended}`)).text();
    expect(html).to.contain(`action="/cereri/${ended}/evaluare"`).and.to.contain('<legend>').and.to.contain('Foarte mulțumit');
    expect(await (await owner.page(`/cereri/${open}`)).text()).not.to.contain('/evaluare');
    expect(await (await owner.page(`/cereri/${ended}?lang=en`)).text()).to.contain('Very satisfied');
  });

  it('takes the owner\'s rating once, thanks them with the score, and answers a second one with 409', async () => {
    const res = await owner.post(`/cereri/${ended}/evaluare`, { score: '4', comment: 'Rapid și politicos.' });
    expect(res.status).to.equal(303);
    const html = await (await owner.page(res.headers.get('location')!)).text();
    expect(html).to.contain('Vă mulțumim pentru evaluare').and.to.match(/<strong>4<\/strong> \/ 5/).and.not.to.contain(`action="/cereri/${ended}/evaluare"`);
    const again = await owner.post(`/cereri/${ended}/evaluare`, { score: '5' });
    expect(again.status).to.equal(409);
    expect(await again.text()).to.contain('Ați evaluat deja');
    const rows = await t.db.query<{ score: number }>('select score from request_ratings');
    expect(rows.map((r) => Number(r.score))).to.deep.equal([4]);
    const anon = await t.db.query<{ day: string; procedure_key: string; department: string; score: number }>("select to_char(day, 'YYYY-MM-DD') as day, procedure_key, department, score from quality_ratings");
    expect(anon.map((r) => ({ ...r, score: Number(r.score) }))).to.deep.equal([{ day: '2026-12-04', procedure_key: 'calitate-test', department: 'urbanism', score: 4 }]);
  });

  it('refuses a request that has not ended (409)', async () => {
    expect((await owner.post(`/cereri/${open}/evaluare`, { score: '5' })).status).to.equal(409);
  });

  for (const score of ['0', '6', 'x', '']) {
    it(`shows the form again with 422 for the score ${JSON.stringify(score)}, storing nothing`, async () => {
      const res = await owner.post(`/cereri/${ended}/evaluare`, { score, comment: 'păstrat' });
      expect(res.status).to.equal(422);
      const html = await res.text();
      expect(html).to.contain('Alegeți o notă de la 1 la 5').and.to.contain('>păstrat</textarea>');
      expect(await t.db.query('select 1 from request_ratings')).to.have.length(0);
    });
  }

  it('refuses a comment over 1000 characters with 422', async () => {
    const res = await owner.post(`/cereri/${ended}/evaluare`, { score: '3', comment: 'a'.repeat(1001) });
    expect(res.status).to.equal(422);
    expect(await res.text()).to.contain('cel mult 1000 de caractere');
  });

  it('answers another citizen with 404 and a clerk with 403', async () => {
    const other = await s.user('ion@exemplu.ro', 'citizen');
    const clerk = await s.user('vlad@primarie.ro', 'clerk', ['urbanism']);
    expect((await (await signInSession(s, other.email, other.password)).post(`/cereri/${ended}/evaluare`, { score: '1' })).status).to.equal(404);
    expect((await (await signInSession(s, clerk.email, clerk.password)).post(`/cereri/${ended}/evaluare`, { score: '1' })).status).to.equal(403);
    expect(await t.db.query('select 1 from request_ratings')).to.have.length(0);
  });

  it('shows the count, average and distribution on the quality dashboard, and keeps them when the request goes', async () => {
    await owner.post(`/cereri/${ended}/evaluare`, { score: '4' });
    await t.db.query("insert into quality_ratings (day, procedure_key, department, score) values ('2026-12-04', 'calitate-test', 'urbanism', 1)");
    const admin = await s.user('admin@primarie.ro', 'admin');
    const session = await signInSession(s, admin.email, admin.password);
    const html = await (await session.page('/calitate?de=2026-12-01&pana=2026-12-20')).text();
    expect(html).to.contain('Satisfacția cetățenilor');
    expect(html).to.match(/<td>Cerere de test<\/td><td>[^<]*<\/td><td class="num">2<\/td><td class="num">2.5<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">1<\/td><td class="num">0<\/td>/);
    const csv = await (await session.page('/calitate/export/evaluari?de=2026-12-01&pana=2026-12-20&format=csv')).text();
    expect(csv).to.contain('Cerere de test,Urbanism,2,2.5,1,0,0,1,0');
    await t.db.query('delete from request_ratings');
    expect(await (await session.page('/calitate/export/evaluari?de=2026-12-01&pana=2026-12-20&format=csv')).text()).to.contain(',2,2.5,');
  });

  describe('through the API (POST /api/v1/requests/{id}/rating)', () => {
    it('takes the owner\'s score once (201, then 409), and refuses an open request (409) and a bad score (400)', async () => {
      const first = await s.api(`/api/v1/requests/${ended}/rating`, { method: 'POST', token: ownerToken, body: { score: 5, comment: 'Mulțumesc' } });
      expect(first.status).to.equal(201);
      expect(first.body).to.include({ score: 5, comment: 'Mulțumesc' });
      expect((await s.api(`/api/v1/requests/${ended}/rating`, { method: 'POST', token: ownerToken, body: { score: 4 } })).status).to.equal(409);
      expect((await s.api(`/api/v1/requests/${open}/rating`, { method: 'POST', token: ownerToken, body: { score: 4 } })).status).to.equal(409);
      expect((await s.api(`/api/v1/requests/${open}/rating`, { method: 'POST', token: ownerToken, body: { score: 4.5 } })).status).to.equal(400);
    });
  });
});
