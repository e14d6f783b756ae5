import { expect } from 'chai';
import { seedArchive, type ArchiveFixture } from '../../support/archive.ts';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

describe('certified copies of archived documents', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;
  let a: ArchiveFixture;
  let clerk: Awaited<ReturnType<TestServer['user']>>;
  let citizen: Awaited<ReturnType<TestServer['user']>>;
  let request: { id: string; registrationNumber: string };

  beforeEach(async () => {
    s = await startTestServer(t.db);
    a = await seedArchive(t.db, s.ctx.files.archive);
    clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    citizen = await s.user('maria@exemplu.ro', 'citizen');
    const sent = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
    expect(sent.status).to.equal(201);
    request = sent.body;
  });
  afterEach(async () => { await s.close(); });

  it('issues a registered copy the citizen finds on the request and anyone can verify, and logs it', async () => {
    const res = await s.api(`/api/v1/archive/documents/${a.plainDocId}/certified-copy`, { token: clerk.token, body: { registrationNumber: request.registrationNumber } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.requestId).to.equal(request.id);
    expect(res.body.verificationCode).to.match(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const [doc] = await t.db.query<{ kind: string; html: string; registration_number: string; sha256: string }>('select kind, html, registration_number, sha256 from documents where id = $1', [res.body.documentId]);
    expect(doc!.kind).to.equal('copie-certificata');
    expect(doc!.registration_number).to.equal(res.body.registrationNumber);
    const [archived] = await t.db.query<{ sha256: string; title: string }>('select sha256, title from archive_documents where id = $1', [a.plainDocId]);
    expect(doc!.html).to.contain('COPIE CERTIFICATĂ').and.to.contain(archived!.sha256).and.to.contain('conformă cu originalul').and.to.contain(request.registrationNumber);
    const verified = await fetch(`${s.base}/verificare/${res.body.verificationCode}`);
    expect(verified.status).to.equal(200);
    expect(await verified.text()).to.contain(res.body.registrationNumber);
    const view = (await s.api(`/api/v1/requests/${request.id}`, { token: citizen.token })).body;
    expect(view.documents.map((d: { registrationNumber: string }) => d.registrationNumber)).to.include(res.body.registrationNumber);
    const log = await t.db.query<{ action: string; document_id: string; reason: string }>('select action, document_id, reason from archive_access_log order by id');
    expect(log).to.deep.equal([{ action: 'copy', document_id: a.plainDocId, reason: `${request.registrationNumber} (copie certificată)` }]);
  });

  it('asks the reason for a dossier with personal data, and refuses a document out of the clerk\'s scope', async () => {
    const noReason = await s.api(`/api/v1/archive/documents/${a.personalDocId}/certified-copy`, { token: clerk.token, body: { registrationNumber: request.registrationNumber } });
    expect(noReason.status).to.equal(400);
    expect(await t.db.query('select 1 from documents')).to.have.length(0);
    const other = await s.user('ion@primarie.ro', 'clerk', ['taxe']);
    const out = await s.api(`/api/v1/archive/documents/${a.plainDocId}/certified-copy`, { token: other.token, body: { registrationNumber: request.registrationNumber } });
    expect([403, 404]).to.include(out.status);
  });

  it('is issued from the document\'s page, and the clerk lands on the request', async () => {
    const { page, post } = await signInSession(s, clerk.email, clerk.password);
    const html = await (await page(`/lucru/arhiva/documente/${a.plainDocId}`)).text();
    expect(html).to.contain(`action="/lucru/arhiva/documente/${a.plainDocId}/copie-certificata"`).and.to.contain('Eliberează copia certificată');
    const res = await post(`/lucru/arhiva/documente/${a.plainDocId}/copie-certificata`, { number: request.registrationNumber });
    expect(res.status).to.equal(303);
    expect(res.headers.get('location')).to.equal(`/lucru/cereri/${request.id}`);
    expect(await t.db.query("select 1 from documents where kind = 'copie-certificata'")).to.have.length(1);
  });
});
