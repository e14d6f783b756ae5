import { setTimeout as sleep } from 'node:timers/promises';
import { localDate } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { claimDays, rollUpDays } from './daily-store.ts';
import { endedInstances, recordNewRequests } from './facts-store.ts';
import { calendarFigures, versionMarks } from './settle-fact.ts';
import { settleBatch, type VersionMarks } from './settle-store.ts';

export interface RollUpOptions {
  /** Ended requests settled per transaction. */
  batch?: number;
  /** Days rolled up per transaction. */
  days?: number;
  /** Keeps the roll-up to a share of the time (a server's background run); without it, all out. */
  pace?: RollUpPace;
  /** Stops between statements (a server's graceful stop); what was settled stays settled. */
  signal?: AbortSignal;
}

/**
 * A share of the time, from 0 to 1, that a roll-up may work: after each piece of work that took t
 * it rests t × (1 / share − 1), as PostgreSQL's autovacuum rests by its cost delay. A busy engine
 * slows the work down, so the rests grow with it: the roll-up never takes more than its share from
 * the steps. The rest after a run's last piece, or one cut short by an abort, is owed and served
 * first by the next run with this pace, however much later it starts: simple, and never more than
 * the share (in a server, the next run begins a little later than its five minutes).
 */
export class RollUpPace {
  private owed = 0;

  constructor(readonly share: number) {
    if (!(share > 0 && share <= 1)) throw new RangeError(`a roll-up's share of time is in (0, 1], not ${share}`);
  }

  /** Does `work` after the rest owed, and owes the rest that follows it. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T | undefined> {
    if (this.owed > 0) {
      const rest = performance.now();
      // An abort rejects the rest early; what is left of it stays owed.
      await sleep(this.owed, undefined, { signal }).catch(() => undefined);
      this.owed = Math.max(0, this.owed - (performance.now() - rest));
    }
    if (signal?.aborted) return undefined;
    const began = performance.now();
    try {
      return await work();
    } finally {
      this.owed += (performance.now() - began) * (1 / this.share - 1);
    }
  }
}

/**
 * The quality roll-up, run every few minutes by each server process (with a share, see
 * RollUpOptions) and at will (`dosar quality rollup`, all out). It never touches the engine's
 * step: the figures are read afterwards from the engine's views. A status change in the same
 * transaction was the other way, but most changes (timers, tacit approvals, service tasks) happen
 * inside the engine where the server has no transaction.
 *
 * 1. New requests get an anonymous fact row (procedure, department, when received).
 * 2. Facts whose instance has ended are settled: in term, in target, duration, refused…, and
 *    their element events are added to the heatmap's figures, in one statement (settle-store.ts).
 * 3. Days before today not rolled up yet are claimed (for update skip locked, so processes share
 *    the work) and written to `quality_daily`. A day once rolled up is never recomputed: deleting
 *    a request's personal data later changes nothing there.
 */
export async function rollUpQuality(ctx: Pick<AppContext, 'db' | 'engine'>, options: RollUpOptions = {}): Promise<{ recorded: number; settled: number; days: string[] }> {
  const { pace, signal } = options;
  const paced = <T>(work: () => Promise<T>) => (pace ? pace.run(work, signal) : work());
  const recorded = (await paced(() => recordNewRequests(ctx.db))) ?? 0;
  const settled = await settleEnded(ctx, options.batch ?? 2000, paced, pace ? 1 : 2);
  const today = localDate(ctx.engine.clock.now());
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const days: string[] = [];
  while (!signal?.aborted) {
    const claimed = (await paced(() => ctx.db.transaction(async (tx) => {
      const mine = await claimDays(tx, yesterday, options.days ?? 366);
      await rollUpDays(tx, mine, ctx.engine.clock.now());
      return mine;
    }))) ?? [];
    days.push(...claimed);
    if (claimed.length === 0) break;
  }
  return { recorded, settled, days };
}

type Paced = <T>(work: () => Promise<T>) => Promise<T | undefined>;

/**
 * Settles ended requests in batches. All out on PostgreSQL, a batch is settled in two halves at
 * once, as the engine's own clients use both cores; PGlite has one connection, and a paced
 * roll-up takes one.
 */
async function settleEnded(ctx: Pick<AppContext, 'db' | 'engine'>, batch: number, paced: Paced, connections: number): Promise<number> {
  const calendar = await ctx.engine.calendar();
  const marks = new Map<string, VersionMarks | null>();
  const parts = ctx.db.kind === 'pglite' ? 1 : connections;
  let settled = 0;
  for (;;) {
    const done = await paced(async () => {
      const ended = await endedInstances(ctx.db, batch);
      for (const i of ended) {
        const id = `${i.procedureKey}@${i.version}`;
        if (!marks.has(id)) marks.set(id, await ctx.engine.findDefinition(i.procedureKey, i.version).then((d) => versionMarks(i.procedureKey, i.version, d.definition), () => null));
      }
      const known = [...marks.values()].filter((m) => m !== null);
      const size = Math.ceil(ended.length / parts);
      await Promise.all(Array.from({ length: parts }, async (_, k) => {
        const part = ended.slice(k * size, (k + 1) * size).map((i) => calendarFigures(i, calendar));
        const n = await ctx.db.transaction((tx) => settleBatch(tx, part, known));
        settled += n; // not `settled += await …`: that reads `settled` before the other half adds to it
      }));
      return ended.length < batch;
    });
    // Undefined: aborted before the batch began.
    if (done !== false) return settled;
  }
}
