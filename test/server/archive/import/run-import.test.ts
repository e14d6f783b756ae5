import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import type { OcrTools } from '../../../../server/archive/import/ocr.ts';
import { runImport, type ImportSummary } from '../../../../server/archive/import/run-import.ts';
import type { ImportedDocument, ImportSink } from '../../../../server/archive/import/sink.ts';
import { dossier, makeFolder } from './import-folder.ts';
import { encryptedPdf, textPdf } from './make-files.ts';

const NO_OCR: OcrTools = { tesseract: false, pdftoppm: false, language: 'ron', note: 'off in this test' };
const quiet = () => ({ tick: () => undefined, finish: () => undefined });

/** What the archive would keep, in memory; `failOn` makes the save of one file throw, as a crash would. */
class MemorySink implements ImportSink {
  readonly saved = new Map<string, ImportedDocument>();
  failOn?: string;
  async importedHashes(paths: string[]): Promise<Map<string, string>> {
    return new Map(paths.filter((p) => this.saved.has(p)).map((p) => [p, this.saved.get(p)!.sha256]));
  }
  async saveDocument(document: ImportedDocument): Promise<void> {
    if (this.failOn && document.sourcePath.endsWith(this.failOn)) throw new Error('disk full (injected)');
    this.saved.set(document.sourcePath, document);
  }
}

describe('archive import of a folder', function () {
  this.timeout(120_000);
  const folders: string[] = [];
  after(async () => { for (const f of folders) await rm(f, { recursive: true, force: true }); });

  async function folder(...args: Parameters<typeof makeFolder>): Promise<string> {
    const f = await makeFolder(...args);
    folders.push(f);
    return f;
  }
  const run = (input: string, sink: ImportSink): Promise<ImportSummary> => runImport({ input, sink, jobs: 2, tools: NO_OCR, progress: quiet });
  const reasons = (s: ImportSummary) => s.refusedFiles.map((r) => [r.file, r.reason]);

  describe('when every file is good', () => {
    it('imports each file into its dossier with the text of its pages', async () => {
      // given
      const dir = await folder([
        { ...dossier('100/2019'), document_kind: 'cerere', document_title: 'Cerere', file: 'd100/cerere.pdf' },
        { ...dossier('100/2019'), document_kind: 'certificat', document_title: 'Certificat de urbanism', file: 'd100/certificat.pdf' },
      ], { 'd100/cerere.pdf': textPdf([['Cerere Ionescu'], ['pagina 2']]), 'd100/certificat.pdf': textPdf([['Certificat nr. 100']]) });
      const sink = new MemorySink();
      // when
      const summary = await run(dir, sink);
      // then
      expect(summary).to.include({ files: 2, imported: 2, unchanged: 0, refused: 0, pages: 3, jobs: 2 });
      const docs = [...sink.saved.values()].sort((a, b) => a.title.localeCompare(b.title));
      expect(docs.map((d) => [d.title, d.documentKind, d.pages.length, d.dossier.registerNumber])).to.deep.equal([['Cerere', 'cerere', 2, '100/2019'], ['Certificat de urbanism', 'certificat', 1, '100/2019']]);
      expect(docs[0]!.pages[0]).to.equal('Cerere Ionescu');
    });

    it('takes the CSV path as well as the folder', async () => {
      const dir = await folder([{ ...dossier('1'), file: 'a.pdf' }], { 'a.pdf': textPdf([['a']]) });
      const summary = await run(join(dir, 'metadata.csv'), new MemorySink());
      expect(summary.imported).to.equal(1);
    });
  });

  describe('when some files are bad', () => {
    it('refuses each with its reason and imports the rest', async () => {
      // given
      const dir = await folder([
        { ...dossier('1'), file: 'good.pdf' },
        { ...dossier('2'), file: 'missing.pdf' },
        { ...dossier('3'), file: '../outside.pdf' },
        { ...dossier('4'), file: 'link.pdf' },
        { ...dossier('5'), file: 'locked.pdf' },
        { ...dossier('6'), file: 'scan.jpg' },
        { ...dossier('7', { register_date: 'ieri' }), file: 'bad-date.pdf' },
        { ...dossier('8'), file: 'un-dosar' },
        { ...dossier('9'), file: 'cerere-ștampilată.pdf' },
      ], { 'good.pdf': textPdf([['bun']]), 'locked.pdf': encryptedPdf(), 'scan.jpg': 'not a jpeg', 'bad-date.pdf': textPdf([['x']]), 'stray.pdf': textPdf([['fara rand']]) });
      await writeFile(join(dir, '..', 'outside.pdf'), textPdf([['secret']]));
      folders.push(join(dir, '..', 'outside.pdf'));
      await symlink('/etc/passwd', join(dir, 'link.pdf'));
      await mkdir(join(dir, 'un-dosar'));
      // Named in NFC in the CSV, stored decomposed (NFD) as a Mac copies it.
      await writeFile(join(dir, 'cerere-ștampilată.pdf'.normalize('NFD')), textPdf([['stampilata']]));
      const sink = new MemorySink();
      // when
      const summary = await run(dir, sink);
      // then
      expect(summary.imported).to.equal(2);
      expect(reasons(summary)).to.deep.equal([
        ['missing.pdf', 'file-missing'], ['../outside.pdf', 'path-outside-folder'], ['link.pdf', 'path-outside-folder'],
        ['locked.pdf', 'pdf-encrypted'], ['scan.jpg', 'type-unknown'], ['bad-date.pdf', 'row-invalid'], ['un-dosar', 'file-unreadable'], ['stray.pdf', 'file-without-row'],
      ]);
      expect(summary.refusedFiles.find((r) => r.file === 'locked.pdf')).to.include({ line: 6 });
    });
  });

  describe('when it runs again', () => {
    it('skips what it imported, imports a changed file again and a new one', async () => {
      // given
      const dir = await folder([{ ...dossier('1'), file: 'a.pdf' }, { ...dossier('1'), file: 'b.pdf' }], { 'a.pdf': textPdf([['a']]), 'b.pdf': textPdf([['b']]) });
      const sink = new MemorySink();
      await run(dir, sink);
      // when
      const same = await run(dir, sink);
      await writeFile(join(dir, 'b.pdf'), textPdf([['b, corectat']]));
      const changed = await run(dir, sink);
      // then
      expect(same).to.include({ imported: 0, unchanged: 2, refused: 0 });
      expect(changed).to.include({ imported: 1, unchanged: 1 });
      expect([...sink.saved.values()].find((d) => d.sourcePath.endsWith('b.pdf'))!.pages).to.deep.equal(['b, corectat']);
    });

    it('imports on the next run a file whose save failed, and nothing twice', async () => {
      // given
      const dir = await folder([1, 2, 3, 4].map((n) => ({ ...dossier(String(n)), file: `${n}.pdf` })), Object.fromEntries([1, 2, 3, 4].map((n) => [`${n}.pdf`, textPdf([[`doc ${n}`]])])));
      const sink = new MemorySink();
      sink.failOn = '3.pdf';
      // when
      const first = await run(dir, sink);
      sink.failOn = undefined;
      const second = await run(dir, sink);
      // then
      expect(first).to.include({ imported: 3, refused: 1 });
      expect(reasons(first)).to.deep.equal([['3.pdf', 'store-failed']]);
      expect(second).to.include({ imported: 1, unchanged: 3, refused: 0 });
      expect(sink.saved.size).to.equal(4);
    });
  });

  describe('when the input is wrong', () => {
    it('says so without importing anything', async () => {
      const error = await run('/nonexistent/folder', new MemorySink()).then(() => undefined, (err: unknown) => err);
      expect(error).to.include({ code: 'bad-input' });
      expect((error as Error).message).to.include('does not exist');
    });
  });
});
