import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import type { Analysis, RefusalReason } from './analyse-file.ts';
import { type ImportInput, listFolder, locateInput } from './locate-input.ts';
import { normalName, type ManifestRow } from './manifest.ts';
import { findOcrTools, type OcrTools } from './ocr.ts';
import { createProgress, type Progress } from './progress.ts';
import { resolveInside } from './safe-path.ts';
import { type ImportSink, SinkRefusal } from './sink.ts';
import { AnalysePool } from './worker-pool.ts';

export interface ImportOptions {
  /** A folder with metadata.csv, or the CSV itself (or what locateInput made of it). */
  input: string | ImportInput;
  sink: ImportSink;
  /** Analysis threads; default: the machine's cores. */
  jobs?: number;
  maxBytes?: number;
  tools?: OcrTools;
  progress?: (total: number) => Progress;
  now?: () => number;
}

export interface Refusal {
  file: string | null;
  line: number | null;
  reason: RefusalReason;
  message: string;
}

export interface ImportSummary {
  csv: string;
  /** Files named by valid CSV lines and found in the folder (the others are among the refused). */
  files: number;
  imported: number;
  unchanged: number;
  refused: number;
  pages: number;
  refusedFiles: Refusal[];
  warnings: Array<{ file: string; message: string }>;
  ocr: { tesseract: boolean; pdftoppm: boolean; language: string; note: string | null };
  jobs: number;
  durationMs: number;
  docsPerSecond: number;
}

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * Imports a folder of retro-digitised files: reads the CSV, refuses what cannot be imported (with a
 * reason per file), analyses the rest in a pool of threads and keeps each file in its own
 * transaction. Files already imported with the same content are skipped, so a re-run after a crash
 * or an added batch does only what is new or changed.
 */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const now = options.now ?? Date.now;
  const started = now();
  const input = typeof options.input === 'string' ? await locateInput(options.input) : options.input;
  const tools = options.tools ?? await findOcrTools();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const refusedFiles: Refusal[] = input.problems.map((p) => ({ file: p.file, line: p.line, reason: p.reason, message: p.message }));
  const warnings: ImportSummary['warnings'] = [];

  const planned: Array<{ row: ManifestRow; path: string }> = [];
  const named = new Set<string>();
  for (const p of input.problems) if (p.file) named.add(normalName(p.file));
  for (const row of input.rows) {
    named.add(normalName(row.file));
    const where = await resolveInside(input.folder, normalName(row.file));
    if ('problem' in where) {
      refusedFiles.push({ file: row.file, line: row.line, reason: where.problem, message: where.problem === 'file-missing' ? 'no such file in the folder' : 'the path leads outside the import folder' });
    } else planned.push({ row, path: where.path });
  }
  const realNamed = new Set(planned.map((p) => relative(input.folder, p.path).normalize('NFC')));
  for (const file of await listFolder(input.folder)) {
    const name = normalName(file);
    if (!named.has(name) && !realNamed.has(name)) refusedFiles.push({ file, line: null, reason: 'file-without-row', message: 'the file is in the folder but no CSV line names it' });
  }

  const known = await options.sink.importedHashes(planned.map((p) => p.path));
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), planned.length || 1));
  const progress = (options.progress ?? ((total) => createProgress({ total })))(planned.length);
  // No thread is started for a CSV whose every line was refused.
  const pool = planned.length > 0 ? new AnalysePool(jobs) : undefined;
  let imported = 0;
  let unchanged = 0;
  let pages = 0;
  let done = 0;
  try {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < planned.length) {
        const { row, path } = planned[next++]!;
        const analysis: Analysis = await pool!.analyse({ path, maxBytes, knownSha256: known.get(path), tools });
        if (analysis.status === 'unchanged') unchanged++;
        else if (analysis.status === 'refused') refusedFiles.push({ file: row.file, line: row.line, reason: analysis.reason, message: analysis.message });
        else {
          try {
            await options.sink.saveDocument({
              sourcePath: path, dossier: row.dossier, documentKind: row.documentKind, title: row.documentTitle,
              sha256: analysis.sha256, kind: analysis.kind, mediaType: analysis.mediaType, size: analysis.size,
              pages: analysis.pages, textSource: analysis.textSource, bytes: analysis.bytes,
            });
            imported++;
            pages += analysis.pages.length;
            if (analysis.warning) warnings.push({ file: row.file, message: analysis.warning });
          } catch (err) {
            const reason = err instanceof SinkRefusal ? err.reason : 'store-failed';
            refusedFiles.push({ file: row.file, line: row.line, reason, message: err instanceof Error ? err.message : String(err) });
          }
        }
        progress.tick(++done);
      }
    };
    // Two files in flight per thread: one analysed while the other's result is being stored.
    await Promise.all(Array.from({ length: jobs * 2 }, lane));
    progress.finish(done);
  } finally {
    await pool?.close();
  }
  const durationMs = Math.max(1, now() - started);
  refusedFiles.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || String(a.file).localeCompare(String(b.file)));
  return {
    csv: input.csvPath,
    files: planned.length,
    imported,
    unchanged,
    refused: refusedFiles.length,
    pages,
    refusedFiles,
    warnings,
    ocr: { tesseract: tools.tesseract, pdftoppm: tools.pdftoppm, language: tools.language, note: tools.note },
    jobs,
    durationMs,
    docsPerSecond: Math.round((imported * 1000 * 100) / durationMs) / 100,
  };
}
