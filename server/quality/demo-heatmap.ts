import type { Database, Definition } from '../../engine/index.ts';
import { addTime, dayRow, type ElementDay } from './element-stats.ts';
import { addElementDays } from './heatmap-store.ts';
import { REFUSAL } from './settle-fact.ts';
/** Calendar seconds per working day of a request's duration (weekends and nights included). */
const SECONDS_PER_WORKING_DAY = 1.4 * 86_400;

/**
 * The demo's heatmap history: the seeded facts carry no element events, so each ended request is
 * walked along its procedure's main path (the start event, then the default flow or the first one
 * not ending in a refusal), and its duration is shared among the path's user tasks. The seed
 * gives the requests it wrote grouped by procedure, day ended and duration.
 */
export interface SeededGroup { procedure_key: string; day: string; duration_wd: number; n: number }

export async function seedHeatmapHistory(db: Database, procedures: Array<{ key: string; version: number; definition: Definition }>, seeded: SeededGroup[]): Promise<number> {
  let written = 0;
  for (const { key, version, definition } of procedures) {
    const path = mainPath(definition);
    const tasks = path.elements.filter((id) => definition.elements[id]?.type === 'userTask');
    const groups = seeded.filter((g) => g.procedure_key === key);
    if (path.elements.length === 0 || groups.length === 0) continue;
    const days = new Map<string, ElementDay>();
    for (const g of groups) {
      for (const id of [...path.elements, ...path.flows]) dayRow(days, g.day, id).passes += g.n;
      // The duration's share of each user task, jittered per task so the tasks differ.
      tasks.forEach((id, i) => {
        const seconds = (g.duration_wd * SECONDS_PER_WORKING_DAY * (i + 1)) / ((tasks.length * (tasks.length + 1)) / 2);
        addTime(dayRow(days, g.day, id), seconds, g.n);
      });
    }
    const rows = [...days.values()].map((d) => ({ ...d, procedureKey: key, version }));
    for (let i = 0; i < rows.length; i += 5000) await db.transaction((tx) => addElementDays(tx, rows.slice(i, i + 5000)));
    written += rows.length;
  }
  return written;
}

/** The elements and flows from the first start event along the default or first non-refusing flow. */
function mainPath(definition: Definition): { elements: string[]; flows: string[] } {
  const elements: string[] = [];
  const flows: string[] = [];
  let at = definition.startEvents.find((id) => !definition.elements[id]?.event) ?? definition.startEvents[0];
  while (at && !elements.includes(at) && elements.length < 100) {
    elements.push(at);
    const el = definition.elements[at]!;
    const out = el.outgoing.map((id) => definition.flows[id]!).filter(Boolean);
    const refuses = (flowId: string) => {
      const target = definition.elements[definition.flows[flowId]!.target];
      return target?.type === 'endEvent' && REFUSAL.test(`${target.id} ${target.name ?? ''}`);
    };
    const next = (el.default && !refuses(el.default) ? definition.flows[el.default] : undefined) ?? out.find((f) => !refuses(f.id)) ?? out[0];
    if (!next) break;
    flows.push(next.id);
    at = next.target;
  }
  return { elements, flows };
}
