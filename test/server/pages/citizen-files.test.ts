import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION, SAMPLE_PDF } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

describe('the files of a request (/cereri/:id/fisiere/:name)', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  describe('when the request names a file it uploaded', () => {
    it('serves it to the citizen', async () => {
      // given
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const form = new FormData();
      form.set('data', JSON.stringify(PETITION));
      form.set('anexe', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'stalp.pdf');
      const submitted = await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: form });
      const { storedName } = (await s.api(`/api/v1/requests/${submitted.body.id}`, { token: maria.token })).body.data.anexe[0];
      // when
      const res = await (await signInSession(s, maria.email, maria.password)).page(`/cereri/${submitted.body.id}/fisiere/${storedName}`);
      // then
      expect(res.status).to.equal(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(SAMPLE_PDF)).to.equal(true);
    });
  });

  describe('when the data sent names a path instead of an upload', () => {
    it('does not serve a file from outside the uploads folder', async () => {
      // given: a JSON client may send upload records of its own making
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const forged = { storedName: '../../../../../../../../etc/passwd', originalName: 'x.txt', mediaType: 'text/plain', size: 1, sha256: 'x' };
      const submitted = await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, anexe: [forged] } });
      expect(submitted.status).to.equal(201);
      const session = await signInSession(s, maria.email, maria.password);
      // when
      const res = await session.page(`/cereri/${submitted.body.id}/fisiere/${encodeURIComponent(forged.storedName)}`);
      // then
      expect(res.status).to.equal(404);
      expect(await res.text()).not.to.contain('root:');
    });
  });
});
