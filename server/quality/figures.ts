import { localDate } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { addHistograms } from './element-stats.ts';
import { clerkWorkload, dailySeries, netAfter, openNow, periodTotals, ratingTotals, type PeriodTotals } from './dashboard-store.ts';

/** One line of the dashboard: a procedure in a department over the period, and now. */
export interface QualityLine {
  procedureKey: string;
  department: string;
  received: number;
  resolved: number;
  open: number;
  overdue: number;
  /** Shares of the resolved, 0-1, null when nothing was resolved. */
  inTermShare: number | null;
  inTargetShare: number | null;
  medianDays: number | null;
  p90Days: number | null;
  refused: number;
  suspensions: number;
  extensions: number;
  tacitApprovals: number;
  complaints: number;
}

export interface QualityFigures {
  from: string;
  to: string;
  lines: QualityLine[];
  total: QualityLine;
  /** The open requests at the end of each day of the period. */
  backlog: Array<{ day: string; open: number }>;
  /** Requests received per ISO week (the week's Monday). */
  arrivals: Array<{ week: string; received: number }>;
  workload: Array<{ department: string; clerk: string; name: string; open: number; overdue: number; resolved: number }>;
  /** Citizens' satisfaction ratings given in the period, per procedure and department (`byScore[i]`: how many gave i + 1). */
  ratings: Array<{ procedureKey: string; department: string; count: number; average: number; byScore: number[] }>;
}

/** The smallest duration at or below which a share `p` of the histogram lies (nearest rank). */
export function percentile(hist: number[], p: number): number | null {
  const n = hist.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (let bucket = 0; bucket < hist.length; bucket++) {
    seen += hist[bucket]!;
    if (seen >= rank) return bucket;
  }
  return hist.length - 1;
}


function line(t: PeriodTotals, open: number, overdue: number): QualityLine {
  return {
    procedureKey: t.procedureKey, department: t.department, received: t.received, resolved: t.resolved, open, overdue,
    inTermShare: t.resolved ? t.resolvedInTerm / t.resolved : null, inTargetShare: t.resolved ? t.resolvedInTarget / t.resolved : null,
    medianDays: percentile(t.durationHist, 0.5), p90Days: percentile(t.durationHist, 0.9),
    refused: t.refused, suspensions: t.suspensions, extensions: t.extensions, tacitApprovals: t.tacitApprovals, complaints: t.complaints,
  };
}

const EMPTY = (key: string, department: string): PeriodTotals => ({ procedureKey: key, department, received: 0, closed: 0, resolved: 0, resolvedInTerm: 0, resolvedInTarget: 0, refused: 0, tacitApprovals: 0, suspensions: 0, extensions: 0, complaints: 0, durationHist: [] });

/** The dashboard's figures for [from, to] (Bucharest days) in these departments (null: all); `workloadOf`: departments whose clerks are listed. */
export async function qualityFigures(ctx: AppContext, period: { from: string; to: string }, departments: string[] | null, workloadOf: string[]): Promise<QualityFigures> {
  const now = ctx.engine.clock.now();
  const [totals, open, series, net, workload, ratings] = await Promise.all([
    periodTotals(ctx.db, period.from, period.to, departments),
    openNow(ctx.db, departments, now),
    dailySeries(ctx.db, period.from, period.to, departments),
    netAfter(ctx.db, period.to, departments),
    workloadOf.length > 0 ? clerkWorkload(ctx.db, period.from, period.to, workloadOf, now) : Promise.resolve([]),
    ratingTotals(ctx.db, period.from, period.to, departments),
  ]);
  const byKey = new Map(totals.map((t) => [`${t.procedureKey}\u0000${t.department}`, t]));
  for (const o of open) if (!byKey.has(`${o.procedureKey}\u0000${o.department}`)) byKey.set(`${o.procedureKey}\u0000${o.department}`, EMPTY(o.procedureKey, o.department));
  const openOf = new Map(open.map((o) => [`${o.procedureKey}\u0000${o.department}`, o]));
  const lines = [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, t]) => line(t, openOf.get(id)?.open ?? 0, openOf.get(id)?.overdue ?? 0));
  const sum = totals.reduce((acc, t) => ({ ...acc, received: acc.received + t.received, closed: acc.closed + t.closed, resolved: acc.resolved + t.resolved, resolvedInTerm: acc.resolvedInTerm + t.resolvedInTerm, resolvedInTarget: acc.resolvedInTarget + t.resolvedInTarget, refused: acc.refused + t.refused, tacitApprovals: acc.tacitApprovals + t.tacitApprovals, suspensions: acc.suspensions + t.suspensions, extensions: acc.extensions + t.extensions, complaints: acc.complaints + t.complaints, durationHist: addHistograms(acc.durationHist, t.durationHist) }), EMPTY('', ''));
  const openTotal = open.reduce((a, o) => a + o.open, 0);
  return {
    from: period.from, to: period.to, lines,
    total: line(sum, openTotal, open.reduce((a, o) => a + o.overdue, 0)),
    backlog: backlogOf(period, series, openTotal - net),
    arrivals: weekly(period, series),
    workload,
    ratings,
  };
}

/** Open at the end of each day, walked back from the open count at the end of the period. */
function backlogOf(period: { from: string; to: string }, series: Array<{ day: string; received: number; closed: number }>, atEnd: number): Array<{ day: string; open: number }> {
  const byDay = new Map(series.map((s) => [s.day, s]));
  const out: Array<{ day: string; open: number }> = [];
  let open = atEnd;
  for (let t = Date.parse(`${period.to}T00:00:00Z`); t >= Date.parse(`${period.from}T00:00:00Z`); t -= 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ day, open: Math.max(0, open) });
    const s = byDay.get(day);
    if (s) open = open - s.received + s.closed;
  }
  return out.reverse();
}

const mondayOf = (day: string) => {
  const t = Date.parse(`${day}T00:00:00Z`);
  return new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};

/** Every week the period touches, weeks with no arrivals included. */
function weekly(period: { from: string; to: string }, series: Array<{ day: string; received: number }>): Array<{ week: string; received: number }> {
  const weeks = new Map<string, number>();
  for (let t = Date.parse(`${mondayOf(period.from)}T00:00:00Z`); t <= Date.parse(`${period.to}T00:00:00Z`); t += 7 * 86_400_000) weeks.set(new Date(t).toISOString().slice(0, 10), 0);
  for (const s of series) weeks.set(mondayOf(s.day), (weeks.get(mondayOf(s.day)) ?? 0) + s.received);
  return [...weeks.entries()].map(([week, received]) => ({ week, received }));
}

/** The default period: the last 365 days up to today (Bucharest). */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const to = localDate(now);
  return { from: new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10), to };
}
