import { AppError } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { findPackage } from '../procedures/catalogue.ts';
import { quantileSeconds } from './element-stats.ts';
import { elementTotals, versionsOf, waitingNow } from './heatmap-store.ts';
import { maySeeProcedure } from './quality-access.ts';

/**
 * A procedure version's heatmap for a period: per element, the requests waiting there now, how
 * many passed it, and the average and 90th-percentile time spent there (over requests that ended
 * in the period's days, by the day each element was completed); per sequence flow, how often it
 * was taken and its share of the flows leaving the same element.
 */
export interface HeatmapElement { id: string; name: string | null; type: string; waiting: number; passes: number; averageSeconds: number | null; p90Seconds: number | null }
export interface HeatmapFlow { id: string; name: string | null; source: string; target: string; taken: number; share: number | null }
export interface Heatmap { key: string; title: { ro: string; en: string }; version: number; versions: number[]; period: { from: string; to: string }; elements: HeatmapElement[]; flows: HeatmapFlow[] }

export async function heatmapOf(ctx: Pick<AppContext, 'db' | 'engine'>, user: User, key: string, version: number | undefined, period: { from: string; to: string }): Promise<Heatmap> {
  // Only procedures of the catalogue, and only those of the person's departments (a head's own).
  const pkg = await findPackage(ctx.db, key);
  if (!pkg) throw new AppError('not-found', { ro: `Procedura „${key}” nu există.`, en: `There is no procedure "${key}".` });
  if (!maySeeProcedure(user, String((pkg.meta as { department?: string }).department ?? ''))) {
    throw new AppError('forbidden', { ro: 'Procedura nu ține de compartimentele dumneavoastră.', en: 'This procedure is not one of your departments\'.' });
  }
  const versions = await versionsOf(ctx.db, key);
  const chosen = version ?? versions[0];
  if (chosen === undefined || !versions.includes(chosen)) {
    throw new AppError('not-found', { ro: `Procedura „${key}” nu are versiunea cerută.`, en: `Procedure "${key}" has no such version.` });
  }
  const [{ definition }, totals, waiting] = await Promise.all([
    ctx.engine.findDefinition(key, chosen), elementTotals(ctx.db, key, chosen, period.from, period.to), waitingNow(ctx.db, key, chosen),
  ]);
  const byId = new Map(totals.map((t) => [t.elementId, t]));
  const elements = Object.values(definition.elements).map((el) => {
    const t = byId.get(el.id);
    return {
      id: el.id, name: el.name ?? null, type: el.type, waiting: waiting.get(el.id) ?? 0, passes: t?.passes ?? 0,
      averageSeconds: t && t.timed > 0 ? t.seconds / t.timed : null, p90Seconds: t ? quantileSeconds(t.hist, 0.9) : null,
    };
  });
  const flows = Object.values(definition.flows).map((f) => ({ id: f.id, name: f.name ?? null, source: f.source, target: f.target, taken: byId.get(f.id)?.passes ?? 0 }));
  const leaving = new Map<string, number>();
  for (const f of flows) leaving.set(f.source, (leaving.get(f.source) ?? 0) + f.taken);
  return {
    key, title: pkg.meta.title, version: chosen, versions, period, elements,
    flows: flows.map((f) => ({ ...f, share: leaving.get(f.source) ? f.taken / leaving.get(f.source)! : null })),
  };
}
