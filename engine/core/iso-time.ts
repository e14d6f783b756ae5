import { localInstant } from '../calendar/time-zone.ts';
import { AppError } from '../errors.ts';

/** ISO 8601 durations, date-times and repeating intervals; durations are added in UTC, without the wall clock. */

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

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 date-time. One without an offset, or a date alone (its midnight), is a wall-clock
 * time in Bucharest, as ISO 8601 reads a time without a designator as local time and as a city
 * hall's analyst means "10:00": 2027-01-15T10:00:00 is 08:00 UTC.
 */
export function parseDateTime(text: string): Date {
  const t = text.trim();
  const m = DATE_TIME.exec(t);
  if (!m) throw new AppError('bad-input', `"${text}" is not an ISO 8601 date-time (e.g. 2026-12-01T09:00:00Z)`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', offset] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const asUtc = new Date(Date.UTC(...fields));
  // Date.UTC rolls 30 February over into March and 24:00 into the next day: refuse what is not a real date-time.
  const real = asUtc.getUTCFullYear() === fields[0] && asUtc.getUTCMonth() === fields[1] && asUtc.getUTCDate() === fields[2] && asUtc.getUTCHours() === fields[3] && Number(mi) < 60 && Number(s) < 60;
  if (!real) throw new AppError('bad-input', `"${text}" is not a real date-time`);
  const ms = Math.floor(Number(`0${fraction}`) * 1000);
  if (offset) return new Date(Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')}`));
  return localInstant(`${y}-${mo}-${d}`, ((fields[3] * 60 + fields[4]) * 60 + fields[5]) * 1000 + ms);
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

/** A cron expression (engine/core/cron.ts) rather than an ISO 8601 repeating interval, which starts with R. */
export function isCron(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.startsWith('@') || (!/^R/.test(trimmed) && /\s/.test(trimmed));
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
