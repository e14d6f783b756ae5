import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { openDatabase } from '../../../engine/index.ts';
import { renderPendingPdfs } from '../../../server/documents/issue-document.ts';
import { PdfRenderer } from '../../../server/documents/pdf.ts';
import { takeNumber } from '../../../server/registry/registry.ts';
import { testDatabaseKind, useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const FAKE_PDF = Buffer.from('%PDF-1.7 fake\n%%EOF\n', 'latin1');

/** Gates still closed: opened after each test, so a failing test does not hang the ones after it. */
const gates: Array<() => void> = [];

/** A PDF renderer that prints only when the test lets it, and says when it has been asked. */
function gatedRenderer(options: { failFirst?: boolean } = {}) {
  let entered!: () => void;
  const asked = new Promise<void>((resolve) => { entered = resolve; });
  let open!: () => void;
  const gate = new Promise<void>((resolve) => { open = resolve; });
  gates.push(open);
  const printed: string[] = [];
  let calls = 0;
  const renderer = {
    async render(html: string): Promise<Buffer> {
      calls++;
      entered();
      await gate;
      if (options.failFirst && calls === 1) throw new Error('Chromium crashed');
      printed.push(html);
      return FAKE_PDF;
    },
    async close() {},
  } as unknown as PdfRenderer;
  return { renderer, asked, open, printed };
}

/** Takes a petition to its answering task; returns the task id and the request. */
async function toAnsweringTask(s: TestServer): Promise<{ taskId: string; requestId: string; citizenToken: string; registryToken: string }> {
  const maria = await s.user('maria@exemplu.ro', 'citizen');
  const registry = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
  const planning = await s.user('radu@primarie.ro', 'clerk', ['urbanism']);
  const submitted = (await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: PETITION })).body;
  const [triage] = (await s.api('/api/v1/tasks', { token: registry.token })).body.tasks;
  await s.api(`/api/v1/tasks/${triage.id}/complete`, { token: registry.token, body: { data: { anonima: false, competenta: true, departament: 'urbanism' } } });
  const [resolve] = (await s.api('/api/v1/tasks', { token: planning.token })).body.tasks;
  await s.api(`/api/v1/tasks/${resolve.id}/complete`, { token: planning.token, body: { data: { raspuns: 'Iluminatul a fost reparat.', necesitaPrelungire: false } } });
  const [send] = (await s.api('/api/v1/tasks', { token: registry.token })).body.tasks;
  expect(send.elementId).to.equal('raspuns');
  return { taskId: send.id, requestId: submitted.id, citizenToken: maria.token, registryToken: registry.token };
}

function answer(s: TestServer, ids: { taskId: string; registryToken: string }) {
  return s.api(`/api/v1/tasks/${ids.taskId}/complete`, { token: ids.registryToken, body: { data: { semnatar: 'Ana Registratură', functie: 'Inspector' } } });
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms))]);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('issuing an answer', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;
  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { for (const open of gates.splice(0)) open(); await s.close(); });

  describe('when the PDF takes long to print', () => {
    it('answers the decision before the PDF is printed, then stores the PDF and logs both hashes', async () => {
      // given
      const gated = gatedRenderer();
      s.ctx.pdf = gated.renderer;
      const ids = await toAnsweringTask(s);
      // when
      const decided = await within(answer(s, ids), 5_000, 'the decision');
      // then: registered and stored at once, its PDF pending
      expect(decided.status).to.equal(200);
      expect(decided.body.document.registrationNumber).to.equal('IEȘ-1/02.03.2026');
      const [pending] = await t.db.query<{ html: string; pdf: Buffer | null; pdf_status: string; sha256: string }>('select html, pdf, pdf_status, sha256 from documents');
      expect(pending).to.include({ pdf: null, pdf_status: 'pending' });
      expect(pending!.html).to.contain('IEȘ-1/02.03.2026').and.not.to.contain('NRDOSAR');
      expect(pending!.sha256).to.equal(sha256(Buffer.from(pending!.html, 'utf8')));
      // and the PDF once printed
      gated.open();
      await s.mailSettled();
      const [ready] = await t.db.query<{ pdf: Buffer | null; pdf_key: string; pdf_status: string; pdf_sha256: string }>('select pdf, pdf_key, pdf_status, pdf_sha256 from documents');
      expect(ready).to.deep.include({ pdf: null, pdf_status: 'ready', pdf_sha256: sha256(FAKE_PDF) });
      // kept in the documents file store under the key the row names
      expect(Buffer.compare(await s.ctx.files.documents.read(ready!.pdf_key), FAKE_PDF)).to.equal(0);
      expect(gated.printed).to.deep.equal([pending!.html]);
      const view = (await s.api(`/api/v1/requests/${ids.requestId}`, { token: ids.citizenToken })).body;
      const events = view.history.filter((e: { type: string }) => e.type.startsWith('document.'));
      expect(events.map((e: { type: string; data: { sha256: string } }) => [e.type, e.data.sha256])).to.deep.equal([['document.issued', pending!.sha256], ['document.rendered', sha256(FAKE_PDF)]]);
    });

    it('does not hold the outgoing register while printing: another connection takes a number meanwhile', async function () {
      if (testDatabaseKind() === 'pglite') this.skip(); // one connection: nothing else can run meanwhile
      // given
      const gated = gatedRenderer();
      s.ctx.pdf = gated.renderer;
      const ids = await toAnsweringTask(s);
      const other = await openDatabase({ url: process.env.DATABASE_URL!, schema: t.db.schema, poolSize: 2 });
      try {
        // when: the decision is under way and printing
        const deciding = answer(s, ids);
        await gated.asked;
        const taken = await other.transaction(async (tx) => {
          await tx.query("set local lock_timeout = '2s'");
          return takeNumber(tx, 'iesiri', s.clock.now());
        });
        gated.open();
        const decided = await deciding;
        // then: consecutive numbers, the decision's first
        expect(decided.body.document.registrationNumber).to.equal('IEȘ-1/02.03.2026');
        expect(taken.number).to.equal(2);
      } finally {
        gated.open();
        await other.close();
      }
    });
  });

  describe('when the PDF could not be printed after the decision', () => {
    it('prints it when it is asked for', async () => {
      // given
      const gated = gatedRenderer({ failFirst: true });
      s.ctx.pdf = gated.renderer;
      s.ctx.log = () => undefined;
      const ids = await toAnsweringTask(s);
      gated.open();
      await answer(s, ids);
      await s.mailSettled();
      expect((await t.db.query<{ pdf_status: string }>('select pdf_status from documents'))[0]!.pdf_status).to.equal('pending');
      const view = (await s.api(`/api/v1/requests/${ids.requestId}`, { token: ids.citizenToken })).body;
      // when
      const pdf = await s.api(view.documents[0].pdf, { token: ids.citizenToken });
      // then
      expect(pdf.status).to.equal(200);
      expect(pdf.headers.get('content-type')).to.contain('application/pdf');
      expect((await t.db.query<{ pdf_status: string }>('select pdf_status from documents'))[0]!.pdf_status).to.equal('ready');
    });

    it('prints the pending ones when a server starts, and does not print a document twice', async () => {
      // given
      const gated = gatedRenderer({ failFirst: true });
      s.ctx.pdf = gated.renderer;
      s.ctx.log = () => undefined;
      const ids = await toAnsweringTask(s);
      gated.open();
      await answer(s, ids);
      await s.mailSettled();
      // when
      const printed = await renderPendingPdfs(s.ctx);
      const again = await renderPendingPdfs(s.ctx);
      // then
      expect([printed, again]).to.deep.equal([1, 0]);
      expect((await t.db.query<{ pdf_status: string }>('select pdf_status from documents'))[0]!.pdf_status).to.equal('ready');
    });
  });

  describe('when Chromium is installed', () => {
    it('stores a real PDF of the registered answer', async function () {
      if (!PdfRenderer.available()) this.skip();
      const ids = await toAnsweringTask(s);
      await answer(s, ids);
      await s.mailSettled();
      const [doc] = await t.db.query<{ pdf_key: string; pdf_status: string }>('select pdf_key, pdf_status from documents');
      expect(doc!.pdf_status).to.equal('ready');
      expect((await s.ctx.files.documents.read(doc!.pdf_key)).subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    });
  });

  describe('when Chromium is not installed', () => {
    it('issues the answer as HTML only, with no PDF link', async () => {
      delete s.ctx.pdf;
      const ids = await toAnsweringTask(s);
      expect((await answer(s, ids)).status).to.equal(200);
      const view = (await s.api(`/api/v1/requests/${ids.requestId}`, { token: ids.citizenToken })).body;
      expect(view.documents[0].pdf).to.equal(undefined);
      expect((await t.db.query<{ pdf_status: string }>('select pdf_status from documents'))[0]!.pdf_status).to.equal('none');
    });
  });
});
