import { readFile } from 'node:fs/promises';
import { AppError } from '../../engine/index.ts';
import type { OpenedEngine } from '../open-engine.ts';
import { exportPayments, importSettlement, reconcile } from '../payments/reconciliation.ts';
import type { CliCommand, CliContext, Values } from './command.ts';

type Open = (values: Values, ctx: CliContext) => Promise<OpenedEngine>;

/** `dosar payments import <settlement.csv> --date D | reconcile --date D | export --from D --to D`: the finance department's day. */
export function paymentsCommand(open: Open): CliCommand {
  return {
    usage: 'import <settlement.csv> --date YYYY-MM-DD | reconcile --date YYYY-MM-DD | export --from YYYY-MM-DD --to YYYY-MM-DD',
    options: { date: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    async run(positionals, values, ctx) {
      const date = typeof values.date === 'string' ? values.date : '';
      const usage = () => new AppError('bad-input', `Usage: dosar payments ${this.usage}`);
      if (positionals[0] === 'import' && positionals.length === 2 && date) {
        const csv = await readFile(positionals[1]!, 'utf8');
        const { db, engine } = await open(values, ctx);
        const result = await importSettlement(db, date, csv, engine.clock.now());
        return { json: result, text: `imported ${result.imported} settlement lines for ${date}${result.already ? ` (${result.already} already there)` : ''}` };
      }
      if (positionals[0] === 'reconcile' && positionals.length === 1 && date) {
        const { db } = await open(values, ctx);
        const mismatches = await reconcile(db, date);
        return { json: { date, mismatches }, text: mismatches.length === 0 ? `${date}: everything matches` : mismatches.map((m) => `${m.reference}\t${m.problem}\tsettled ${m.settledBani ?? '-'}\torder ${m.orderBani ?? '-'}`).join('\n') };
      }
      if (positionals[0] === 'export' && positionals.length === 1 && typeof values.from === 'string' && typeof values.to === 'string') {
        const { db } = await open(values, ctx);
        const csv = await exportPayments(db, values.from, values.to);
        return { json: { csv }, text: csv.trimEnd() };
      }
      throw usage();
    },
  };
}
