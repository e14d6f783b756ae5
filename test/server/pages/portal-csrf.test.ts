import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION, SAMPLE_PDF } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

/** Every state-changing page form carries the CSRF token, however the post is encoded. */
describe('the portal\'s CSRF check', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  describe('when a multipart post reaches a page without file fields', () => {
    it('refuses it without the token, with the site\'s page, and changes nothing', async () => {
      // given a clerk's session and an open task
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
      const [task] = (await s.api('/api/v1/tasks', { token: ana.token })).body.tasks;
      const { cookie } = await signInSession(s, ana.email, ana.password);
      // when a multipart post without the token asks to claim it
      const form = new FormData();
      form.set('x', 'y');
      const res = await fetch(`${s.base}/lucru/sarcini/${task.id}/preluare`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: form });
      // then
      expect(res.status).to.equal(403);
      expect(await res.text()).to.match(/<html lang="ro">/);
      expect((await s.api(`/api/v1/tasks/${task.id}`, { token: ana.token })).body.assignee).to.equal(null);
    });
  });

  describe('when a multipart post reaches a page with file fields', () => {
    it('does not refuse it: the page reads the token from the post', async () => {
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const session = await signInSession(s, citizen.email, citizen.password);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await session.page('/proceduri/petitie')).text())![1]!;
      const form = new FormData();
      form.set('_csrf', csrf);
      for (const [k, v] of Object.entries(PETITION)) if (typeof v === 'string') form.set(k, v);
      form.set('adresa[strada]', PETITION.adresa.strada);
      form.set('adresa[localitate]', PETITION.adresa.localitate);
      form.set('anexe', new Blob([new Uint8Array(SAMPLE_PDF)], { type: 'application/pdf' }), 'a.pdf');
      const res = await fetch(`${s.base}/proceduri/petitie`, { method: 'POST', redirect: 'manual', headers: { cookie: session.cookie }, body: form });
      expect(res.status).to.equal(303);
      expect(await t.db.query('select id from requests')).to.have.length(1);
    });
  });
});
