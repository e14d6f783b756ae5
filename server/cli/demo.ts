import { fileURLToPath } from 'node:url';
import { AppError } from '../../engine/index.ts';
import { loadProcedures } from '../load-procedures.ts';
import type { OpenedEngine } from '../open-engine.ts';
import { seedQualityHistory } from '../quality/demo-seed.ts';
import { rollUpQuality } from '../quality/rollup.ts';
import { seedDepartments } from '../seed.ts';
import type { CliCommand, CliContext, Values } from './command.ts';

type Open = (values: Values, ctx: CliContext) => Promise<OpenedEngine>;

const PROCEDURES = fileURLToPath(new URL('../../procedures/', import.meta.url));

function count(value: unknown, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10_000_000) throw new AppError('bad-input', `--${name} must be a whole number from 0 to 10000000`);
  return n;
}

/**
 * `dosar demo seed --requests N [--open M]`: years of anonymous quality history across the
 * built-in procedures (deployed first if they are not), rolled up for the dashboard.
 * `dosar quality rollup`: what the server does every five minutes, at once.
 */
export function demoCommands(open: Open): Record<string, CliCommand> {
  return {
    demo: {
      usage: 'seed --requests N [--open M] [--years Y]',
      options: { requests: { type: 'string' }, open: { type: 'string' }, years: { type: 'string' } },
      async run(positionals, values, ctx) {
        if (positionals[0] !== 'seed' || positionals.length !== 1 || values.requests === undefined) throw new AppError('bad-input', `Usage: dosar demo ${this.usage}`);
        const requests = count(values.requests, 'requests');
        const opened = await open(values, ctx);
        await seedDepartments(opened.db);
        await loadProcedures(opened.engine, opened.db, PROCEDURES);
        const years = count(values.years, 'years', 3);
        const result = await seedQualityHistory(opened, { requests, ...(values.open !== undefined ? { open: count(values.open, 'open') } : {}), years: Math.max(1, Math.min(years, 10)) });
        return { json: result, text: `seeded ${result.ended} ended and ${result.open} open requests; ${result.days} days rolled up` };
      },
    },
    quality: {
      usage: 'rollup',
      options: {},
      async run(positionals, values, ctx) {
        if (positionals[0] !== 'rollup' || positionals.length !== 1) throw new AppError('bad-input', `Usage: dosar quality ${this.usage}`);
        const result = await rollUpQuality(await open(values, ctx));
        return { json: result, text: `${result.recorded} new requests, ${result.settled} ended, ${result.days.length} days rolled up` };
      },
    },
  };
}
