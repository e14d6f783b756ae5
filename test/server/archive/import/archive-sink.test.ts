import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Database } from '../../../../engine/index.ts';
import type { User } from '../../../../server/auth/users.ts';
import { archiveSink } from '../../../../server/archive/import/archive-sink.ts';
import { ARCHIVE_KEY } from '../../../../server/storage/file-store.ts';
import { LocalFileStore } from '../../../../server/storage/local-file-store.ts';
import { readSearchInput, searchArchive } from '../../../../server/archive/search.ts';
import type { OcrTools } from '../../../../server/archive/import/ocr.ts';
import { runImport } from '../../../../server/archive/import/run-import.ts';
import { useTestDatabase } from '../../../support/database.ts';
import { dossier, makeFolder } from './import-folder.ts';
import { textPdf } from './make-files.ts';
import { scanPng, tools } from './ocr-fixtures.ts';

const NO_OCR: OcrTools = { tesseract: false, pdftoppm: false, language: 'ron', note: 'off in this test' };
const quiet = () => ({ tick: () => undefined, finish: () => undefined });

/** The database, failing the statement that matches `pattern`: a crash in the middle of a file's transaction. */
function failingOn(db: Database, pattern: RegExp): Database {
  const wrap = (inner: Database): Database => new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'query') return (text: string, params?: unknown[]) => (pattern.test(text) ? Promise.reject(new Error('connection lost (injected)')) : target.query(text, params));
      if (prop === 'transaction') return <T>(fn: (tx: Database) => Promise<T>) => target.transaction((tx) => fn(wrap(tx)));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return wrap(db);
}

describe('archive import into the archive', function () {
  this.timeout(180_000);
  const t = useTestDatabase();
  const dirs: string[] = [];
  let archiveDir: string;
  beforeEach(async () => { archiveDir = await mkdtemp(join(tmpdir(), 'dosar-archive-')); dirs.push(archiveDir); });
  const archive = () => new LocalFileStore(archiveDir, ARCHIVE_KEY);
  after(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

  async function folder(...args: Parameters<typeof makeFolder>): Promise<string> {
    const f = await makeFolder(...args);
    dirs.push(f);
    return f;
  }

  it('keeps dossiers, documents, pages and files, searchable in Romanian', async () => {
    // given
    const dir = await folder([
      { ...dossier('245/2019', { department: 'urbanism', public: 'da' }), document_kind: 'Autorizație', document_title: 'Autorizație de construire', file: 'ac.pdf' },
      { ...dossier('245/2019', { department: 'urbanism', public: 'da' }), document_kind: 'cerere', document_title: 'Cerere', file: 'cerere.pdf' },
    ], { 'ac.pdf': textPdf([['Se autorizeaza executarea lucrarilor'], ['Primar, semnatura']]), 'cerere.pdf': textPdf([['Subsemnatul Ionescu']]) });
    // when
    const summary = await runImport({ input: dir, sink: archiveSink(t.db, archive()), jobs: 1, tools: NO_OCR, progress: quiet });
    // then
    expect(summary).to.include({ imported: 2, refused: 0 });
    const dossiers = await t.db.query('select register_number, year, nomenclator_code, retention_years, department, public, parties from archive_dossiers');
    expect(dossiers).to.deep.equal([{ register_number: '245/2019', year: 2019, nomenclator_code: 'III-4', retention_years: 10, department: 'urbanism', public: true, parties: ['Ionescu Ștefan', 'Țăranu Ana'] }]);
    const docs = await t.db.query<{ kind: string; page_count: number; text_source: string; storage_key: string }>('select kind, page_count, text_source, storage_key from archive_documents order by kind');
    expect(docs.map((d) => [d.kind, d.page_count, d.text_source])).to.deep.equal([['autorizatie', 2, 'pdf'], ['cerere', 1, 'pdf']]);
    const hits = await t.db.query("select page from archive_pages where tsv @@ plainto_tsquery('archive_ro', 'semnătura')");
    expect(hits).to.deep.equal([{ page: 2 }]);
    expect((await readdir(archiveDir)).filter((n) => !n.startsWith('.'))).to.have.length(2);
  });

  it('leaves neither dossier nor document when the file\'s transaction fails midway, and imports it on the next run', async () => {
    // given
    const dir = await folder([{ ...dossier('9/2020', { register_date: '2020-01-02' }), file: 'a.pdf' }], { 'a.pdf': textPdf([['unu'], ['doi']]) });
    // when: the pages' insert fails after the dossier and the document rows were written in the same transaction
    const failed = await runImport({ input: dir, sink: archiveSink(failingOn(t.db, /insert into archive_pages/), archive()), jobs: 1, tools: NO_OCR, progress: quiet });
    const counts = async () => (await t.db.query<{ d: number; n: number; p: number }>('select (select count(*)::int from archive_dossiers) as d, (select count(*)::int from archive_documents) as n, (select count(*)::int from archive_pages) as p'))[0];
    const after = await counts();
    const retried = await runImport({ input: dir, sink: archiveSink(t.db, archive()), jobs: 1, tools: NO_OCR, progress: quiet });
    // then
    expect(failed.refusedFiles.map((r) => r.reason)).to.deep.equal(['store-failed']);
    expect(after).to.deep.equal({ d: 0, n: 0, p: 0 });
    expect(retried).to.include({ imported: 1, refused: 0 });
    expect(await counts()).to.deep.equal({ d: 1, n: 1, p: 2 });
  });

  it('keeps many files of one new dossier saved at the same time in that one dossier', async () => {
    const n = 12;
    const dir = await folder(Array.from({ length: n }, (_, i) => ({ ...dossier('50/2021', { register_date: '2021-03-03' }), file: `${i}.pdf` })), Object.fromEntries(Array.from({ length: n }, (_, i) => [`${i}.pdf`, textPdf([[`fila ${i}`]])])));
    const summary = await runImport({ input: dir, sink: archiveSink(t.db, archive()), jobs: 2, tools: NO_OCR, progress: quiet });
    expect(summary, JSON.stringify(summary.refusedFiles)).to.include({ imported: n, refused: 0 });
    expect(await t.db.query('select count(*)::int as n from archive_dossiers')).to.deep.equal([{ n: 1 }]);
  });

  it('refuses the same bytes twice in one dossier as duplicate content', async () => {
    const pdf = textPdf([['copie']]);
    const dir = await folder([{ ...dossier('3'), file: 'a.pdf' }, { ...dossier('3'), file: 'b.pdf' }], { 'a.pdf': pdf, 'b.pdf': pdf });
    const summary = await runImport({ input: dir, sink: archiveSink(t.db, archive()), jobs: 1, tools: NO_OCR, progress: quiet });
    expect(summary.imported).to.equal(1);
    expect(summary.refusedFiles.map((r) => r.reason), JSON.stringify(summary.refusedFiles)).to.deep.equal(['duplicate-content']);
  });

  it('makes an imported document found by a clerk\'s search, on the page where the words are', async () => {
    // given
    const admin: User = { id: '00000000-0000-4000-8000-0000000000a1', email: 'arhiva@primarie.ro', name: 'Arhivar', role: 'admin', lang: 'ro', departments: [] };
    await t.db.query('insert into users (id, email, name, role, created_at) values ($1, $2, $3, $4, now())', [admin.id, admin.email, admin.name, admin.role]);
    const dir = await folder([{ ...dossier('812/2004', { register_date: '12.05.2004' }), document_kind: 'hotărâre', document_title: 'Hotărârea nr. 81', file: 'h.pdf' }],
      { 'h.pdf': textPdf([['Consiliul local al municipiului'], ['Se aproba bugetul pentru modernizarea strazii Brâncoveanu']]) });
    await runImport({ input: dir, sink: archiveSink(t.db, archive()), jobs: 1, tools: NO_OCR, progress: quiet });
    // when
    const answer = await searchArchive(t.db, admin, readSearchInput({ q: 'brancoveanu' }), new Date());
    // then
    expect(answer.hits.map((h) => [h.registerNumber, h.kind, h.page])).to.deep.equal([['812/2004', 'hotarare', 2]]);
  });

  it('keeps the OCR text of a scan', async function () {
    const ocr = await tools;
    const scan = await scanPng();
    if (!ocr.tesseract || !scan) this.skip(); // needs tesseract-ocr-ron, and pdftoppm to draw the test scan
    const dir = await folder([{ ...dossier('77/2015', { register_date: '2015-06-01' }), document_kind: 'autorizatie', file: 'scan.png' }], { 'scan.png': scan!.png });
    const summary = await runImport({ input: dir, sink: archiveSink(t.db, archive()), jobs: 1, tools: ocr, progress: quiet });
    expect(summary).to.include({ imported: 1, refused: 0 });
    expect(await t.db.query('select text_source, media_type from archive_documents')).to.deep.equal([{ text_source: 'ocr', media_type: 'image/png' }]);
    const hits = await t.db.query("select page from archive_pages where tsv @@ plainto_tsquery('archive_ro', 'autorizație construire')");
    expect(hits).to.deep.equal([{ page: 1 }]);
  });
});
