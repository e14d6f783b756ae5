import type { Database } from '../../engine/index.ts';
import { addHistograms, type ElementDay } from './element-stats.ts';

/** Storage of `quality_element_daily` (see its migration) and the live count behind the heatmap. */

export interface ElementTotals { elementId: string; passes: number; timed: number; seconds: number; hist: number[] }

/**
 * Adds these rows to what is there. Rows go in key order, so two processes adding to the same
 * rows wait for each other instead of deadlocking.
 */
export async function addElementDays(tx: Database, rows: Array<ElementDay & { procedureKey: string; version: number }>): Promise<void> {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => a.procedureKey.localeCompare(b.procedureKey) || a.version - b.version || a.day.localeCompare(b.day) || a.elementId.localeCompare(b.elementId));
  await tx.query(
    `insert into quality_element_daily as q (procedure_key, version, day, element_id, passes, timed, seconds, time_hist)
     select x.procedure_key, x.version, x.day, x.element_id, x.passes, x.timed, x.seconds, x.time_hist
     from jsonb_to_recordset($1::jsonb) as x(procedure_key text, version integer, day date, element_id text, passes integer, timed integer, seconds double precision, time_hist integer[])
     on conflict (procedure_key, version, day, element_id) do update set
       passes = q.passes + excluded.passes, timed = q.timed + excluded.timed, seconds = q.seconds + excluded.seconds,
       time_hist = coalesce((select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i) from unnest(q.time_hist, excluded.time_hist) with ordinality as u(a, b, i)), '{}')`,
    [JSON.stringify(sorted.map((r) => ({ procedure_key: r.procedureKey, version: r.version, day: r.day, element_id: r.elementId, passes: r.passes, timed: r.timed, seconds: r.seconds, time_hist: r.hist })))]);
}

/** Sums per element (and flow) of one procedure version over [from, to] (Bucharest days); histograms are summed by the caller. */
export async function elementTotals(db: Database, key: string, version: number, from: string, to: string): Promise<ElementTotals[]> {
  const rows = await db.query<{ element_id: string; passes: number; timed: number; seconds: number; time_hist: number[] }>(
    `select element_id, passes, timed, seconds, time_hist from quality_element_daily
     where procedure_key = $1 and version = $2 and day between $3::date and $4::date`, [key, version, from, to]);
  const out = new Map<string, ElementTotals>();
  for (const r of rows) {
    let t = out.get(r.element_id);
    if (!t) out.set(r.element_id, (t = { elementId: r.element_id, passes: 0, timed: 0, seconds: 0, hist: [] }));
    t.passes += r.passes;
    t.timed += r.timed;
    t.seconds += Number(r.seconds);
    t.hist = addHistograms(t.hist, r.time_hist);
  }
  return [...out.values()];
}

/** Instances of this version not ended, per element where they have a token now. */
export async function waitingNow(db: Database, key: string, version: number): Promise<Map<string, number>> {
  const rows = await db.query<{ element_id: string; n: number }>(
    `select t.element_id, count(distinct t.instance_id)::int as n
     from engine_instances_v i join engine_tokens_v t on t.instance_id = i.id
     where i.key = $1 and i.version = $2 and i.status in ('active', 'incident') group by 1`, [key, version]);
  return new Map(rows.map((r) => [r.element_id, r.n]));
}

/** The deployed versions of a procedure, newest first. */
export async function versionsOf(db: Database, key: string): Promise<number[]> {
  const rows = await db.query<{ version: number }>('select version from engine_definitions_v where key = $1 order by version desc', [key]);
  return rows.map((r) => r.version);
}
