/**
 * The heatmap's figures: per Bucharest day and element, how many tokens entered it; per flow, how
 * often it was taken; per element, the time from entering to completing as a count, a sum and a
 * histogram. The roll-up makes them in SQL (settle-store.ts), the demo seed here.
 */

/** One row of `quality_element_daily` (see its migration). */
export interface ElementDay { day: string; elementId: string; passes: number; timed: number; seconds: number; hist: number[] }

/** Histogram buckets: 0 under a second, i from 2^((i-1)/2) seconds, the last one open (2^29.5 s is 23 years). */
export const TIME_BUCKETS = 61;

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
