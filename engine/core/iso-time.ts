import { AppError } from '../errors.ts';

/** ISO 8601 durations, date-times and repeating intervals, computed in UTC without the wall clock. */

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseDuration(text: string): Duration {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) {
    throw new AppError('bad-input', `"${text}" is not an ISO 8601 duration (e.g. P3D, PT2H)`);
  }
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

export function isDuration(text: string): boolean {
  const t = text.trim();
  return DURATION.test(t) && t !== 'P' && !t.endsWith('T');
}

export function parseDateTime(text: string): Date {
  const t = text.trim();
  // A date alone means midnight UTC of that day.
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : t;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(iso)) {
    throw new AppError('bad-input', `"${text}" is not an ISO 8601 date-time (e.g. 2026-12-01T09:00:00Z)`);
  }
  const date = new Date(/Z|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(date.getTime())) throw new AppError('bad-input', `"${text}" is not a real date-time`);
  return date;
}

export function addDuration(from: Date, d: Duration): Date {
  const out = new Date(from.getTime());
  if (d.years || d.months) {
    const day = out.getUTCDate();
    out.setUTCDate(1);
    out.setUTCMonth(out.getUTCMonth() + d.years * 12 + d.months);
    const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
    out.setUTCDate(Math.min(day, last));
  }
  const ms = (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + d.seconds * 1000;
  return new Date(out.getTime() + ms);
}

export interface Cycle {
  /** -1 = repeat forever. */
  repetitions: number;
  start?: Date;
  period: string;
}

/** R<n>/<duration>, R<n>/<start>/<duration> or R/<duration>. */
export function parseCycle(text: string): Cycle {
  const parts = text.trim().split('/');
  const r = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!r || parts.length < 2 || parts.length > 3) {
    throw new AppError('bad-input', `"${text}" is not an ISO 8601 repeating interval (e.g. R3/PT1H)`);
  }
  const repetitions = r[1] === '' ? -1 : Number(r[1]);
  if (parts.length === 2) {
    parseDuration(parts[1]!);
    return { repetitions, period: parts[1]! };
  }
  parseDuration(parts[2]!);
  return { repetitions, start: parseDateTime(parts[1]!), period: parts[2]! };
}

export function toIso(date: Date): string {
  return date.toISOString();
}
