import { openStorage } from '../storage/open-storage.ts';
import { AppError } from '../../engine/index.ts';
import { archiveEndedRequests } from '../archive/archive-requests.ts';
import { generateArchive } from '../archive/generate.ts';
import { settingsFromEnv } from '../config.ts';
import { selectionReport } from '../archive/selection.ts';
import type { OpenedEngine } from '../open-engine.ts';
import type { CliCommand, CliContext, Values } from './command.ts';

type Open = (values: Values, ctx: CliContext) => Promise<OpenedEngine>;

/**
 * The archive's subcommands other than `import` (server/archive/import/): each a CliCommand whose
 * positionals follow the action's name. `dosar archive <name> …` dispatches here.
 */
export function archiveTools(open: Open): Record<string, CliCommand> {
  return {
    generate: {
      usage: '--dossiers N [--seed S]',
      options: { dossiers: { type: 'string' }, seed: { type: 'string' } },
      async run(positionals, values, ctx) {
        const dossiers = Number(values.dossiers);
        const seed = values.seed === undefined ? 1 : Number(values.seed);
        if (positionals.length > 0 || !Number.isInteger(dossiers) || dossiers < 1 || dossiers > 5_000_000 || !Number.isInteger(seed)) {
          throw new AppError('bad-input', { ro: 'Folosire: dosar archive generate --dossiers N (1–5.000.000) [--seed S]', en: 'Usage: dosar archive generate --dossiers N (1-5,000,000) [--seed S]' });
        }
        const { db, engine } = await open(values, ctx);
        const result = await generateArchive(db, { dossiers, seed, now: engine.clock.now() });
        return { json: result, text: `generated ${result.dossiers} dossiers, ${result.documents} documents, ${result.pages} pages in ${result.seconds} s (${result.documentsPerSecond} documents/s)` };
      },
    },
    requests: {
      usage: '',
      options: {},
      async run(positionals, values, ctx) {
        if (positionals.length > 0) throw new AppError('bad-input', { ro: 'Folosire: dosar archive requests', en: 'Usage: dosar archive requests' });
        const { db, engine } = await open(values, ctx);
        const config = settingsFromEnv();
        const served = { db, engine, config, files: openStorage(config.storage) };
        let archived = 0;
        for (let batch = await archiveEndedRequests(served); batch.archived > 0; batch = await archiveEndedRequests(served)) archived += batch.archived;
        return { json: { archived }, text: `${archived} cereri încheiate au fost arhivate` };
      },
    },
    selection: {
      usage: '[--department D] [--limit N]',
      options: { department: { type: 'string' }, limit: { type: 'string' } },
      async run(positionals, values, ctx) {
        if (positionals.length > 0) throw new AppError('bad-input', { ro: 'Folosire: dosar archive selection [--department D] [--limit N]', en: 'Usage: dosar archive selection [--department D] [--limit N]' });
        const { db, engine } = await open(values, ctx);
        const report = await selectionReport(db, 'cli', { department: values.department, limit: values.limit }, engine.clock.now());
        const lines = report.dossiers.map((d) => `${d.department}\t${d.nomenclatorCode}\t${d.registerNumber}/${d.registerDate}\t${d.retentionYears} ani, din ${d.expiredFrom}\t${d.documents} doc.\t${d.title}`);
        return { json: report, text: [`${report.total} dosare cu termenul de păstrare împlinit la ${report.asOf} (propuse comisiei de selecție; nimic nu se șterge)`, ...lines].join('\n') };
      },
    },
  };
}
