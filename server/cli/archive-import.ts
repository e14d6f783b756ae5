import { AppError } from '../../engine/index.ts';
import { archiveSink } from '../archive/import/archive-sink.ts';
import { settingsFromEnv } from '../config.ts';
import { openStorage } from '../storage/open-storage.ts';
import { locateInput } from '../archive/import/locate-input.ts';
import { DEFAULT_MAX_FILE_BYTES, runImport, type ImportSummary } from '../archive/import/run-import.ts';
import { writeRefusalReport } from '../archive/import/write-report.ts';
import type { OpenedEngine } from '../open-engine.ts';
import type { CliCommand, CliContext, Values } from './command.ts';

type Open = (values: Values, ctx: CliContext) => Promise<OpenedEngine>;

/** Exit code of an import that finished but refused some files (1 stays "the command failed"). */
export const EXIT_SOME_REFUSED = 2;

const IMPORT_USAGE = '<folder|metadata.csv> [--jobs N] [--report refused.csv|refused.json]';

/** `dosar archive import …`: retro-digitised dossiers into the archive (server/archive/import/README.md). */
export function archiveImportCommand(open: Open): CliCommand {
  return {
    usage: IMPORT_USAGE,
    options: { jobs: { type: 'string' }, report: { type: 'string' } },
    async run(positionals, values, ctx) {
      const [input, ...extra] = positionals;
      if (!input || extra.length > 0) throw new AppError('bad-input', { ro: `Folosire: dosar archive import ${IMPORT_USAGE}`, en: `Usage: dosar archive import ${IMPORT_USAGE}` });
      const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
      if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 256)) throw new AppError('bad-input', { ro: '--jobs trebuie să fie un număr întreg între 1 și 256', en: '--jobs must be a whole number from 1 to 256' });
      const maxBytes = maxFileBytes(process.env);
      // DOSAR_STORAGE and DOSAR_ARCHIVE_DIR / DOSAR_S3_*: the same archive store the server serves from.
      const archive = openStorage(settingsFromEnv(process.env).storage).archive;
      // The CSV is read before the database is opened: a wrong path or header fails at once.
      const located = await locateInput(input);
      const { db, engine } = await open(values, ctx);
      const summary = await runImport({ input: located, sink: archiveSink(db, archive, () => engine.clock.now()), jobs, maxBytes });
      if (typeof values.report === 'string') await writeRefusalReport(values.report, summary.refusedFiles);
      return { json: summary, text: describeSummary(summary), exitCode: summary.refused > 0 ? EXIT_SOME_REFUSED : 0 };
    },
  };
}

/** DOSAR_ARCHIVE_MAX_FILE_BYTES: the largest file an import reads (default 100 MiB). */
function maxFileBytes(env: NodeJS.ProcessEnv): number {
  const text = env.DOSAR_ARCHIVE_MAX_FILE_BYTES;
  if (text === undefined || text === '') return DEFAULT_MAX_FILE_BYTES;
  const bytes = Number(text);
  if (!Number.isInteger(bytes) || bytes < 1) throw new AppError('bad-input', { ro: `DOSAR_ARCHIVE_MAX_FILE_BYTES="${text}" nu este un număr întreg pozitiv de octeți`, en: `DOSAR_ARCHIVE_MAX_FILE_BYTES="${text}" is not a positive whole number of bytes` });
  return bytes;
}

/** Lines of refused files and of warnings shown on a terminal; the rest are in --report or --json. */
const SHOWN = 50;

function describeSummary(s: ImportSummary): string {
  const more = (n: number, what: string) => (n > SHOWN ? [`… and ${n - SHOWN} more ${what} (--report <file> or --json lists them all)`] : []);
  return [
    `imported ${s.imported}, unchanged ${s.unchanged}, refused ${s.refused} in ${(s.durationMs / 1000).toFixed(1)} s (${s.docsPerSecond} docs/s, ${s.jobs} thread(s))`,
    ...(s.ocr.note ? [`OCR: ${s.ocr.note}`] : []),
    ...s.refusedFiles.slice(0, SHOWN).map((r) => `refused ${r.file ?? '-'}${r.line ? ` (line ${r.line})` : ''}: ${r.reason}: ${r.message}`),
    ...more(s.refusedFiles.length, 'refused'),
    ...s.warnings.slice(0, SHOWN).map((w) => `warning ${w.file}: ${w.message}`),
    ...more(s.warnings.length, 'warnings'),
  ].join('\n');
}
