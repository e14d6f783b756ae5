import { localDate, type Definition } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { claimDays, rollUpDays } from './daily-store.ts';
import { endedInstances, eventsOf, recordNewRequests, settleFacts, type EndedFact, type EndedInstance } from './facts-store.ts';
import { elementDays, type ElementDay, type ElementEvent } from './element-stats.ts';
import { addElementDays } from './heatmap-store.ts';
import { settleFact } from './settle-fact.ts';

/**
 * The quality roll-up, run every few minutes by each server process and at will (`dosar quality
 * rollup`). It never touches the engine's step: the figures are read afterwards from the engine's
 * views, so a step costs what it cost before (the bench's `quality_step_overhead_ratio`). A
 * status change in the same transaction was the other way, but most changes (timers, tacit
 * approvals, service tasks) happen inside the engine where the server has no transaction.
 *
 * 1. New requests get an anonymous fact row (procedure, department, when received).
 * 2. Facts whose instance has ended are settled: in term, in target, duration, refused…, and
 *    their element events are added to the heatmap's figures, in the same transaction.
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

async function settleEnded(ctx: Pick<AppContext, 'db' | 'engine'>, batch: number): Promise<number> {
  const calendar = await ctx.engine.calendar();
  const definitions = new Map<string, Definition | undefined>();
  let settled = 0;
  for (;;) {
    const ended = await endedInstances(ctx.db, batch);
    if (ended.length === 0) return settled;
    const events = new Map<string, ElementEvent[]>();
    for (const e of await eventsOf(ctx.db, ended.map((i) => i.instanceId))) {
      if (!events.has(e.instanceId)) events.set(e.instanceId, []);
      events.get(e.instanceId)!.push(e);
    }
    const facts: EndedFact[] = [];
    for (const instance of ended) {
      const id = `${instance.procedureKey}@${instance.version}`;
      if (!definitions.has(id)) definitions.set(id, await ctx.engine.findDefinition(instance.procedureKey, instance.version).then((d) => d.definition, () => undefined));
      facts.push(settleFact(instance, events.get(instance.instanceId) ?? [], definitions.get(id), calendar));
    }
    await ctx.db.transaction(async (tx) => {
      const mine = await settleFacts(tx, facts);
      await addElementDays(tx, heatmapRows(ended.filter((i) => mine.has(i.requestId)), events));
    });
    settled += facts.length;
    if (ended.length < batch) return settled;
  }
}

/** The settled instances' element figures, summed per procedure version, day and element. */
function heatmapRows(settled: EndedInstance[], events: Map<string, ElementEvent[]>): Array<ElementDay & { procedureKey: string; version: number }> {
  const byVersion = new Map<string, { procedureKey: string; version: number; days: Map<string, ElementDay> }>();
  for (const i of settled) {
    const id = `${i.procedureKey}@${i.version}`;
    if (!byVersion.has(id)) byVersion.set(id, { procedureKey: i.procedureKey, version: i.version, days: new Map() });
    elementDays(events.get(i.instanceId) ?? [], byVersion.get(id)!.days);
  }
  return [...byVersion.values()].flatMap((v) => [...v.days.values()].map((d) => ({ ...d, procedureKey: v.procedureKey, version: v.version })));
}
