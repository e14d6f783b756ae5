import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION, SAMPLE_PDF as PDF } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';
import { sweepOrphanUploads } from '../../../server/uploads/uploads.ts';

type Citizen = Awaited<ReturnType<TestServer['user']>>;

describe('uploads', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  const filesLeft = async () => readdir(s.ctx.config.uploadsDir);
  const rowsLeft = async () => t.db.query('select id from uploads');

  /** The upload step: a PDF in, its record out. */
  async function upload(citizen: Citizen, name = 'act.pdf'): Promise<{ id: string; originalName: string }> {
    const form = new FormData();
    form.set('anexe', new Blob([PDF], { type: 'application/pdf' }), name);
    const res = await s.api('/api/v1/procedures/petitie/uploads', { token: citizen.token, body: form });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.uploads.anexe[0];
  }

  /** A browser session's cookie and CSRF token, for multipart page posts. */
  async function session(citizen: Citizen) {
    const { cookie, page } = await signInSession(s, citizen.email, citizen.password);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await page('/')).text())![1]!;
    const post = (path: string, form: FormData) => fetch(s.base + path, { method: 'POST', redirect: 'manual', headers: { cookie }, body: form });
    return { cookie, csrf, page, post };
  }

  /** A request of `citizen` waiting for a completion answer (asked by an admin). */
  async function requestAwaitingCompletion(citizen: Citizen): Promise<string> {
    const admin = await s.user('admin@primarie.ro', 'admin');
    const submitted = (await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION })).body;
    expect((await s.api(`/api/v1/requests/${submitted.id}/completion`, { token: admin.token, body: { message: 'Atașați o fotografie.' } })).status).to.equal(201);
    return submitted.id;
  }

  describe('when a JSON submission names files', () => {
    it('refuses a stored name sent by the client (the /etc/passwd attack), and the file route serves nothing', async () => {
      // given a citizen with a request of her own (so the file route is open to her)
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const own = (await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: PETITION })).body;
      const forged = { storedName: '../../../../etc/passwd', originalName: 'x', mediaType: 'text/plain', size: 1, sha256: 'a'.repeat(64) };
      // when she submits a record pointing outside the uploads folder
      const res = await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, anexe: [forged] } });
      // then it is refused with a code that points at the field, and no request is made
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('form-invalid');
      expect(res.body.error.details.map((d: { pointer: string }) => d.pointer)).to.include('/anexe');
      expect(await t.db.query('select id from requests')).to.have.length(1);
      // and no name sent to the file route reads a file
      const { page } = await session(maria);
      for (const name of ['..%2F..%2F..%2F..%2Fetc%2Fpasswd', encodeURIComponent('../../../../etc/passwd'), 'passwd', randomUUID()]) {
        const got = await page(`/cereri/${own.id}/fisiere/${name}`);
        expect(got.status, name).to.equal(404);
        expect(await got.text()).not.to.contain('root:');
      }
    });

    it('attaches records from the upload step, keeps no stored name in the data, and serves the file by id to who may see the request', async () => {
      // given a citizen's upload
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const ion = await s.user('ion@exemplu.ro', 'citizen');
      const record = await upload(maria, 'stalp.pdf');
      expect(Object.keys(record).sort()).to.deep.equal(['id', 'mediaType', 'originalName', 'sha256', 'size']);
      // when she submits it in JSON, with a media type of her choosing
      const res = await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, anexe: [{ ...record, mediaType: 'text/html', originalName: 'alt.html' }] } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      // then the request holds the server's record, not hers, and no stored name anywhere a client sees
      const view = await s.api(`/api/v1/requests/${res.body.id}`, { token: maria.token });
      expect(view.body.data.anexe).to.deep.equal([{ ...record, originalName: 'stalp.pdf', mediaType: 'application/pdf' }]);
      expect(JSON.stringify(view.body)).not.to.match(/storedName|[0-9a-f]{32}\.pdf/);
      const html = await (await (await session(maria)).page(`/cereri/${res.body.id}`)).text();
      expect(html).to.contain(`/cereri/${res.body.id}/fisiere/${record.id}`);
      expect(html).not.to.match(/[0-9a-f]{32}\.pdf/);
      // and the file is served by its id, with the type the server sniffed
      const file = await (await session(maria)).page(`/cereri/${res.body.id}/fisiere/${record.id}`);
      expect(file.status).to.equal(200);
      expect(file.headers.get('content-type')).to.match(/^application\/pdf/);
      expect(Buffer.from(await file.arrayBuffer())).to.deep.equal(PDF);
      // but not to another citizen
      expect((await (await session(ion)).page(`/cereri/${res.body.id}/fisiere/${record.id}`)).status).to.equal(404);
    });

    it('refuses an upload issued to another citizen', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const ion = await s.user('ion@exemplu.ro', 'citizen');
      const ions = await upload(ion);
      const res = await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, anexe: [ions] } });
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('form-invalid');
      expect(await t.db.query('select id from requests')).to.have.length(0);
      // and does not refuse it to its owner
      expect((await s.api('/api/v1/procedures/petitie/requests', { token: ion.token, body: { ...PETITION, anexe: [ions] } })).status).to.equal(201);
    });

    it('refuses an upload already attached to another request', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const record = await upload(maria);
      expect((await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, anexe: [record] } })).status).to.equal(201);
      const again = await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, anexe: [record] } });
      expect(again.status).to.equal(422);
      expect(again.body.error.code).to.equal('form-invalid');
      const fresh = await upload(maria);
      const twice = await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, anexe: [fresh, fresh] } });
      expect(twice.status).to.equal(422);
      expect(await t.db.query('select id from requests')).to.have.length(1);
    });
  });

  describe('when a completion is answered', () => {
    it('refuses records a client made up or took from another form, through the API and the page', async () => {
      // given a request waiting for documents, and an upload of the citizen for her request form
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const id = await requestAwaitingCompletion(maria);
      const formUpload = await upload(maria);
      const forged = { storedName: '../../../../etc/passwd', originalName: 'x', mediaType: 'text/plain', size: 1, sha256: 'a'.repeat(64) };
      // when she answers with them, then each is refused and the completion stays open
      for (const documente of [[forged], [formUpload], [{ id: randomUUID() }]]) {
        const res = await s.api(`/api/v1/requests/${id}/completion/answer`, { token: maria.token, body: { text: 'Iată.', documente } });
        expect(res.status, JSON.stringify(documente)).to.equal(422);
        expect(res.body.error.code).to.equal('form-invalid');
      }
      const browser = await session(maria);
      const form = new FormData();
      form.set('_csrf', browser.csrf);
      form.set('text', 'Iată.');
      form.set('documente[0][id]', formUpload.id);
      form.set('documente[0][originalName]', 'x');
      expect((await browser.post(`/cereri/${id}/completare`, form)).status).to.equal(422);
      expect(await t.db.query('select id from completion_requests where answered_at is null')).to.have.length(1);
    });

    it('refuses a file its field does not take as form-invalid, through the API and the page, which names the problem', async () => {
      // given a request waiting for documents
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const id = await requestAwaitingCompletion(maria);
      const withText = (form: FormData) => { form.set('text', 'Iată.'); form.set('documente', new Blob(['nu e un PDF'], { type: 'application/pdf' }), 'act.pdf'); return form; };
      // when she answers with a file that is not a PDF nor an image, through the API and the page
      const byApi = await s.api(`/api/v1/requests/${id}/completion/answer`, { token: maria.token, body: withText(new FormData()) });
      const browser = await session(maria);
      const form = withText(new FormData());
      form.set('_csrf', browser.csrf);
      const byPage = await browser.post(`/cereri/${id}/completare`, form);
      // then both refuse it with one code, the page saying what is wrong with the field
      expect(byApi.status).to.equal(422);
      expect(byApi.body.error.code).to.equal('form-invalid');
      expect(byApi.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['documente']);
      expect(byPage.status).to.equal(422);
      expect(await byPage.text()).to.contain(byApi.body.error.details[0].message);
      expect(await t.db.query('select id from completion_requests where answered_at is null')).to.have.length(1);
    });

    it('attaches files sent with the answer, served from the request page', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const id = await requestAwaitingCompletion(maria);
      const form = new FormData();
      form.set('text', 'Am atașat fotografia.');
      form.set('documente', new Blob([PDF], { type: 'application/pdf' }), 'stalp.pdf');
      expect((await s.api(`/api/v1/requests/${id}/completion/answer`, { token: maria.token, body: form })).status).to.equal(200);
      const [row] = await t.db.query<{ id: string }>('select id from uploads where request_id = $1', [id]);
      const browser = await session(maria);
      expect(await (await browser.page(`/cereri/${id}`)).text()).to.contain(`/cereri/${id}/fisiere/${row!.id}`);
      expect((await browser.page(`/cereri/${id}/fisiere/${row!.id}`)).status).to.equal(200);
    });
  });

  describe('when a post is refused', () => {
    it('keeps nothing of a page post without its CSRF token', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const browser = await session(maria);
      const form = new FormData();
      for (const [k, v] of Object.entries({ nume: PETITION.nume, email: PETITION.email, 'adresa[strada]': PETITION.adresa.strada, 'adresa[localitate]': PETITION.adresa.localitate, subiect: PETITION.subiect, continut: PETITION.continut })) form.set(k, v);
      form.set('anexe', new Blob([PDF], { type: 'application/pdf' }), 'act.pdf');
      const res = await browser.post('/proceduri/petitie', form);
      expect(res.status).to.equal(403);
      expect(await filesLeft()).to.deep.equal([]);
      expect(await rowsLeft()).to.deep.equal([]);
      // and keeps it, attached, once the token is there
      form.set('_csrf', browser.csrf);
      expect((await browser.post('/proceduri/petitie', form)).status).to.equal(303);
      expect(await filesLeft()).to.have.length(1);
      expect(await t.db.query('select id from uploads where request_id is not null')).to.have.length(1);
    });

    it('keeps nothing of a page post or an API post with invalid data', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const browser = await session(maria);
      const page = new FormData();
      page.set('_csrf', browser.csrf);
      page.set('nume', 'M');
      page.set('anexe', new Blob([PDF], { type: 'application/pdf' }), 'act.pdf');
      const shown = await browser.post('/proceduri/petitie', page);
      expect(shown.status).to.equal(422);
      expect(await shown.text()).not.to.contain('act.pdf');
      const api = new FormData();
      api.set('data', JSON.stringify({ ...PETITION, nume: '' }));
      api.set('anexe', new Blob([PDF], { type: 'application/pdf' }), 'act.pdf');
      const refused = await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: api });
      expect(refused.status).to.equal(422);
      expect(await filesLeft()).to.deep.equal([]);
      expect(await rowsLeft()).to.deep.equal([]);
    });

    it('refuses a file one byte over 10 MB as too large, keeping nothing', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const form = new FormData();
      form.set('data', JSON.stringify(PETITION));
      form.set('anexe', new Blob([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length)], { type: 'application/pdf' }), 'mare.pdf');
      const res = await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: form });
      expect(res.status).to.equal(413);
      expect(res.body.error.code).to.equal('too-large');
      expect(await filesLeft()).to.deep.equal([]);
      expect(await rowsLeft()).to.deep.equal([]);
    });
  });

  describe('sweepOrphanUploads', () => {
    it('deletes uploads never attached once old, and keeps attached, fresh and drafted ones', async () => {
      // given four uploads of a day ago: one attached, one in a live draft, one orphan, and one fresh
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const attached = await upload(maria, 'atasat.pdf');
      await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, anexe: [attached] } });
      const drafted = await upload(maria, 'ciorna.pdf');
      await t.db.query('insert into form_drafts (token_hash, form_key, step, data, created_at, expires_at) values ($1, $2, 0, $3::jsonb, $4, $5)',
        ['h'.repeat(64), 'petitie/cerere', JSON.stringify({ anexe: [drafted] }), s.clock.now(), new Date(s.clock.now().getTime() + 86_400_000 * 30)]);
      const orphan = await upload(maria, 'uitat.pdf');
      s.clock.set(new Date(s.clock.now().getTime() + 25 * 3_600_000).toISOString());
      const fresh = await upload(maria, 'nou.pdf');
      const stale = join(s.ctx.config.uploadsDir, `.upload-${'0'.repeat(32)}.part`);
      await writeFile(stale, 'left by a stopped process');
      const before = await filesLeft();
      // when the sweep runs with a day as the age
      const swept = await sweepOrphanUploads(t.db, s.ctx.files.uploads, s.ctx.config.uploadsDir, { now: s.clock.now(), olderThanMs: 24 * 3_600_000 });
      // then only the orphan goes, row and file
      expect(swept.uploads).to.equal(1);
      const left = (await rowsLeft()).map((r) => r.id);
      expect(left).to.have.members([attached.id, drafted.id, fresh.id]);
      expect(left).not.to.include(orphan.id);
      expect(await filesLeft()).to.have.length(before.length - 1);
      expect(await filesLeft()).to.include(`.upload-${'0'.repeat(32)}.part`); // its mtime is now: too fresh to sweep
    });
  });
});
