import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openDatabase } from '../../engine/index.ts';
import { archiveSink } from '../../server/archive/import/archive-sink.ts';
import { ARCHIVE_KEY } from '../../server/storage/file-store.ts';
import { LocalFileStore } from '../../server/storage/local-file-store.ts';
import { findOcrTools } from '../../server/archive/import/ocr.ts';
import { runImport } from '../../server/archive/import/run-import.ts';
import { migrateDatabase } from '../../server/store/migrate.ts';
import { dossier, makeFolder, type Row } from '../server/archive/import/import-folder.ts';
import { textPdf } from '../server/archive/import/make-files.ts';
import { scanPng } from '../server/archive/import/ocr-fixtures.ts';

const WORDS = 'cerere certificat urbanism autorizatie construire beneficiar strada numarul teren intravilan suprafata proprietar imobil documentatie aviz primaria municipiului consiliul local hotarare adeverinta domiciliul'.split(' ');

/** A page like a typed page of a real scan: about 30 lines of 70 characters (≈2,000 characters). */
function pageText(seed: number): string[] {
  return Array.from({ length: 30 }, (_, line) => Array.from({ length: 10 }, (_, w) => WORDS[(seed * 31 + line * 7 + w * 13) % WORDS.length]).join(' '));
}

/**
 * `archive_import_docs_per_s`: documents imported per second by `dosar archive import` on
 * PostgreSQL with the machine's cores as threads, for text PDFs (3 pages each) and, where
 * Tesseract and pdftoppm are installed, for one-page PNG scans OCR'd in Romanian; each also per
 * core. Wire it into test/bench/run.ts's archive section as
 *   Object.assign(results, await measureImport({ url, log }));
 */
export async function measureImport(options: { url: string; log: (line: string) => void; textDocs?: number; ocrDocs?: number; jobs?: number }): Promise<Record<string, number>> {
  const jobs = options.jobs ?? availableParallelism();
  const schema = `bench_imp_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const db = await openDatabase({ url: options.url, schema });
  const folders: string[] = [];
  try {
    await migrateDatabase(db);
    const tools = await findOcrTools();
    const run = async (rows: Row[], files: Record<string, Buffer>) => {
      const folder = await makeFolder(rows, files);
      folders.push(folder);
      return runImport({ input: folder, sink: archiveSink(db, new LocalFileStore(join(folder, '.archive'), ARCHIVE_KEY)), jobs, tools, progress: () => ({ tick: () => undefined, finish: () => undefined }) });
    };
    const textDocs = options.textDocs ?? 400;
    const text = await run(
      Array.from({ length: textDocs }, (_, i) => ({ ...dossier(`${i}/2019`), document_kind: 'cerere', file: `t/${i}.pdf` })),
      Object.fromEntries(Array.from({ length: textDocs }, (_, i) => [`t/${i}.pdf`, textPdf([pageText(i), pageText(i + 1), pageText(i + 2)])])),
    );
    const results: Record<string, number> = {
      archive_import_docs_per_s: text.docsPerSecond,
      archive_import_text_docs_per_s_per_core: round(text.docsPerSecond / jobs),
      archive_import_jobs: jobs,
    };
    options.log(`archive import, text PDFs: ${text.imported} in ${(text.durationMs / 1000).toFixed(1)} s, ${text.docsPerSecond} docs/s with ${jobs} thread(s)`);
    const scan = tools.tesseract ? await scanPng() : undefined;
    if (!scan) {
      options.log(`archive import, OCR: not measured (${tools.note ?? 'pdftoppm is needed to draw the test scan'})`);
      return results;
    }
    const ocrDocs = options.ocrDocs ?? 4 * jobs;
    const ocr = await run(
      Array.from({ length: ocrDocs }, (_, i) => ({ ...dossier(`${i}/2020`, { register_date: '2020-05-04' }), document_kind: 'autorizatie', file: `s/${i}.png` })),
      // One extra byte makes each scan a distinct file with the same picture.
      Object.fromEntries(Array.from({ length: ocrDocs }, (_, i) => [`s/${i}.png`, Buffer.concat([scan.png, Buffer.from([i % 256])])])),
    );
    options.log(`archive import, PNG scans with OCR: ${ocr.imported} in ${(ocr.durationMs / 1000).toFixed(1)} s, ${ocr.docsPerSecond} docs/s with ${jobs} thread(s)`);
    results.archive_import_ocr_docs_per_s = ocr.docsPerSecond;
    results.archive_import_ocr_docs_per_s_per_core = round(ocr.docsPerSecond / jobs);
    return results;
  } finally {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
    await db.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
    await db.close();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
