import { localDate } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { claimDays, rollUpDays } from './daily-store.ts';
import { endedInstances, recordNewRequests } from './facts-store.ts';
import { calendarFigures, versionMarks } from './settle-fact.ts';
import { settleBatch, type VersionMarks } from './settle-store.ts';

/**
 * The quality roll-up, run every few minutes by each server process and at will (`dosar quality
 * rollup`). It never touches the engine's step: the figures are read afterwards from the engine's
 * views, so a step costs what it cost before (the bench's `quality_step_overhead_ratio`). A
 * status change in the same transaction was the other way, but most changes (timers, tacit
 * approvals, service tasks) happen inside the engine where the server has no transaction.
 *
 * 1. New requests get an anonymous fact row (procedure, department, when received).
 * 2. Facts whose instance has ended are settled: in term, in target, duration, refused…, and
 *    their element events are added to the heatmap's figures, in one statement (settle-store.ts).
 * 3. Days before today not rolled up yet are claimed (for update skip locked, so processes share
 *    the work) and written to `quality_daily`. A day once rolled up is never recomputed: deleting
 *    a request's personal data later changes nothing there.
 */
export async function rollUpQuality(ctx: Pick<AppContext, 'db' | 'engine'>, options: { batch?: number; days?: number } = {}): Promise<{ recorded: number; settled: number; days: string[] }> {
  const recorded = await recordNewRequests(ctx.db);
  const settled = await settleEnded(ctx, options.batch ?? 2000);
  const today = localDate(ctx.engine.clock.now());
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const days: string[] = [];
  for (;;) {
    const claimed = await ctx.db.transaction(async (tx) => {
      const mine = await claimDays(tx, yesterday, options.days ?? 366);
      await rollUpDays(tx, mine, ctx.engine.clock.now());
      return mine;
    });
    days.push(...claimed);
    if (claimed.length === 0) break;
  }
  return { recorded, settled, days };
}

/**
 * Settles ended requests in batches. On PostgreSQL a batch is settled in two halves at once, as
 * the engine's own clients use both cores; PGlite has one connection.
 */
async function settleEnded(ctx: Pick<AppContext, 'db' | 'engine'>, batch: number): Promise<number> {
  const calendar = await ctx.engine.calendar();
  const marks = new Map<string, VersionMarks | null>();
  const parts = ctx.db.kind === 'pglite' ? 1 : 2;
  let settled = 0;
  for (;;) {
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
      settled += n;
    }));
    if (ended.length < batch) return settled;
  }
}
