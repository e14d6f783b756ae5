import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { openStorage } from '../../../server/storage/open-storage.ts';
import { seedArchive, type ArchiveFixture } from '../../support/archive.ts';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION, SAMPLE_PDF } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

describe('archive API and pages', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;
  let a: ArchiveFixture;
  let clerk: Awaited<ReturnType<TestServer['user']>>;

  beforeEach(async () => {
    // Kept files live apart from the uploads' temporary folder, as they do on S3: a copy written
    // beside the temporary files instead of to the store would not be found.
    const kept = await mkdtemp(join(tmpdir(), 'dosar-kept-'));
    s = await startTestServer(t.db, undefined, { files: openStorage({ kind: 'local', uploadsDir: join(kept, 'uploads'), documentsDir: join(kept, 'documents'), archiveDir: join(kept, 'archive') }) });
    a = await seedArchive(t.db, s.ctx.files.archive);
    clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
  });
  afterEach(async () => { await s.close(); });

  const log = () => t.db.query<{ action: string; document_id: string | null; reason: string | null }>('select action, document_id, reason from archive_access_log order by id');

  describe('when a clerk searches through the API', () => {
    it('answers ranked hits with their page, snippet and facets, whatever the diacritics', async () => {
      const res = await s.api('/api/v1/archive/search?q=stefan%20tepes', { token: clerk.token });
      expect(res.status).to.equal(200);
      expect(res.body.hits.map((h: { documentId: string }) => h.documentId)).to.deep.equal([a.personalDocId]);
      expect(res.body.hits[0].page).to.equal(1);
      expect(res.body.hits[0].snippetHtml).to.include('<mark>Ştefan</mark>');
      expect(res.body.facets.kind).to.deep.equal([{ value: 'adeverinta', count: 1 }]);
    });

    it('refuses a search without words or filters', async () => {
      expect((await s.api('/api/v1/archive/search?q=%20', { token: clerk.token })).status).to.equal(400);
    });

    it('refuses a citizen with 403', async () => {
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      expect((await s.api('/api/v1/archive/search?q=eminescu', { token: citizen.token })).status).to.equal(403);
      expect((await s.api(`/api/v1/archive/documents/${a.publicDocId}`, { token: citizen.token })).status).to.equal(403);
    });
  });

  describe('when a clerk opens a document', () => {
    it('asks for a reason when the dossier holds personal data, then logs the view with it', async () => {
      expect((await s.api(`/api/v1/archive/documents/${a.personalDocId}`, { token: clerk.token })).status).to.equal(400);
      const res = await s.api(`/api/v1/archive/documents/${a.personalDocId}?reason=${encodeURIComponent('Cererea 12/2026')}`, { token: clerk.token });
      expect(res.status).to.equal(200);
      expect(res.body.pages.map((p: { page: number }) => p.page)).to.deep.equal([1, 2]);
      expect(res.body).to.not.have.property('storageKey');
      expect(await log()).to.deep.equal([{ action: 'view', document_id: a.personalDocId, reason: 'Cererea 12/2026' }]);
    });

    it('sends the stored scan and logs the download', async () => {
      const res = await fetch(`${s.base}/api/v1/archive/documents/${a.plainDocId}/file`, { headers: { authorization: `Bearer ${clerk.token}` } });
      expect(res.status).to.equal(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(SAMPLE_PDF))).to.equal(true);
      expect(res.headers.get('content-disposition')).to.match(/^attachment/);
      expect(await log()).to.deep.equal([{ action: 'download', document_id: a.plainDocId, reason: null }]);
    });

    it('does not show a clerk of another department that the document exists', async () => {
      const other = await s.user('dan@primarie.ro', 'clerk', ['taxe']);
      expect((await s.api(`/api/v1/archive/documents/${a.plainDocId}`, { token: other.token })).status).to.equal(404);
      expect((await s.api(`/api/v1/archive/documents/${a.publicDocId}`, { token: other.token })).status).to.equal(200);
      expect((await log()).map((l) => l.document_id)).to.deep.equal([a.publicDocId]);
    });
  });

  describe('when a clerk communicates a document to a citizen\'s request', () => {
    it('attaches a copy the citizen can download from the request, and logs it', async () => {
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const sent = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
      expect(sent.status).to.equal(201);
      const res = await s.api(`/api/v1/archive/documents/${a.plainDocId}/attach`, { token: clerk.token, body: { registrationNumber: sent.body.registrationNumber } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const { page } = await signInSession(s, citizen.email, citizen.password);
      const file = await page(`/cereri/${sent.body.id}/fisiere/${res.body.uploadId}?descarca=1`);
      expect(file.status).to.equal(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(SAMPLE_PDF))).to.equal(true);
      expect(await log()).to.deep.equal([{ action: 'copy', document_id: a.plainDocId, reason: sent.body.registrationNumber }]);
    });

    it('refuses a document without a stored file', async () => {
      const admin = await s.user('admin@primarie.ro', 'admin');
      const res = await s.api(`/api/v1/archive/documents/${a.publicDocId}/attach`, { token: admin.token, body: { registrationNumber: '1/02.03.2026' } });
      expect(res.status).to.equal(400);
    });
  });

  describe('when a clerk uses the archive page', () => {
    it('previews the scan in the page and offers it for download', async () => {
      const { page } = await signInSession(s, clerk.email, clerk.password);
      const html = await (await page(`/lucru/arhiva/documente/${a.plainDocId}`)).text();
      const preview = `/lucru/arhiva/documente/${a.plainDocId}/fisier`;
      expect(html).to.contain(`<iframe class="case-preview case-preview--pdf" src="${preview}"`).and.to.contain(`href="${preview}?descarca&#x3D;1"`);
      const shown = await page(preview);
      expect(shown.status).to.equal(200);
      expect(shown.headers.get('content-disposition')).to.match(/^inline/);
      expect((await page(`${preview}?descarca=1`)).headers.get('content-disposition')).to.match(/^attachment/);
    });

    it('shows results with highlighted words and facets, in Romanian and English', async () => {
      const { page } = await signInSession(s, clerk.email, clerk.password);
      const ro = await (await page('/lucru/arhiva?q=Stefan+Tepes')).text();
      expect(ro).to.include('<mark>Ştefan</mark>').and.include('pagina 1').and.include('Adeverință');
      const en = await (await page('/lucru/arhiva?q=Stefan+Tepes&lang=en')).text();
      expect(en).to.include('1 document(s)').and.include('Attestation');
    });

    it('asks the reason before showing the text of a dossier with personal data', async () => {
      const { page } = await signInSession(s, clerk.email, clerk.password);
      const asked = await (await page(`/lucru/arhiva/documente/${a.personalDocId}`)).text();
      expect(asked).to.include('Motivul consultării').and.not.include('figurează în evidențele');
      expect(await log()).to.deep.equal([]);
      const shown = await (await page(`/lucru/arhiva/documente/${a.personalDocId}?motiv=Cererea+12`)).text();
      expect(shown).to.include('figurează în evidențele fiscale').and.include('Descarcă scanarea');
      expect(await log()).to.deep.equal([{ action: 'view', document_id: a.personalDocId, reason: 'Cererea 12' }]);
    });
  });
});
