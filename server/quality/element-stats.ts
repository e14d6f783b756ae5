import { localDate } from '../../engine/index.ts';

/**
 * The heatmap's figures for one ended request, from its element events: per Bucharest day and
 * element, how many tokens entered it; per flow, how often it was taken (an `element.entered`
 * names the flow it came along); per element, the time from entering to completing, paired first
 * in, first out (a loop or a multi-instance activity enters the same element more than once).
 */
export interface ElementEvent { type: string; elementId: string | null; data: Record<string, unknown> | null; at: string }

/** One row of `quality_element_daily` (see its migration). */
export interface ElementDay { day: string; elementId: string; passes: number; timed: number; seconds: number; hist: number[] }

/** Histogram buckets: 0 under a second, i from 2^((i-1)/2) seconds, the last one open (2^29.5 s is 23 years). */
const TIME_BUCKETS = 61;

export function bucketOf(seconds: number): number {
  if (seconds < 1) return 0;
  return Math.min(TIME_BUCKETS - 1, 1 + Math.floor(2 * Math.log2(seconds)));
}

/** Where bucket i starts, in seconds. */
const bucketStart = (i: number) => (i === 0 ? 0 : 2 ** ((i - 1) / 2));

/**
 * The q-quantile of a histogram, in seconds: the middle (geometric) of the bucket it falls in,
 * within 19% of the true value for any bucket but the first and the last. Null when empty.
 */
export function quantileSeconds(hist: number[], q: number): number | null {
  const total = hist.reduce((a, n) => a + n, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i] ?? 0;
    if (seen >= rank) return i === 0 ? 0 : Math.sqrt(bucketStart(i) * bucketStart(i + 1));
  }
  return null;
}

/** Adds `b` to `a` bucket by bucket (either may be shorter). */
export function addHistograms(a: number[], b: number[]): number[] {
  const out = a.slice();
  b.forEach((n, i) => { out[i] = (out[i] ?? 0) + n; });
  return Array.from(out, (n) => n ?? 0);
}

/** The row of `day` and `elementId` in `days`, made empty the first time. */
export function dayRow(days: Map<string, ElementDay>, day: string, elementId: string): ElementDay {
  const key = `${day}\u0000${elementId}`;
  let r = days.get(key);
  if (!r) days.set(key, (r = { day, elementId, passes: 0, timed: 0, seconds: 0, hist: [] }));
  return r;
}

/** Adds `n` stays of `seconds` each to a row: its count, its sum and its histogram. */
export function addTime(r: ElementDay, seconds: number, n = 1): void {
  r.timed += n;
  r.seconds += seconds * n;
  const b = bucketOf(seconds);
  while (r.hist.length <= b) r.hist.push(0);
  r.hist[b]! += n;
}

export function elementDays(events: ElementEvent[], into = new Map<string, ElementDay>()): Map<string, ElementDay> {
  const entered = new Map<string, number[]>();
  for (const e of events) {
    if (!e.elementId) continue;
    const at = Date.parse(e.at);
    const day = localDate(e.at);
    if (e.type === 'element.entered') {
      dayRow(into, day, e.elementId).passes += 1;
      if (typeof e.data?.flow === 'string') dayRow(into, day, e.data.flow).passes += 1;
      if (!entered.has(e.elementId)) entered.set(e.elementId, []);
      entered.get(e.elementId)!.push(at);
    } else if (e.type === 'element.completed') {
      const since = entered.get(e.elementId)?.shift();
      if (since === undefined) continue;
      addTime(dayRow(into, day, e.elementId), Math.max(0, (at - since) / 1000));
    }
  }
  return into;
}
