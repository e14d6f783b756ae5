import { AppError } from '../errors.ts';

/** Calendar dates as 'YYYY-MM-DD' strings, computed in UTC so no time zone can shift a day. */

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

export function parseDate(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === 'string' ? text.trim() : '');
  if (!m) throw new AppError('term-invalid', `"${text}" is not a date written as YYYY-MM-DD`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new AppError('term-invalid', `${text} does not exist in the calendar`);
  }
  if (year < MIN_YEAR || year > MAX_YEAR) throw new AppError('term-invalid', `${text} is outside the supported years ${MIN_YEAR}-${MAX_YEAR}`);
  return date;
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export function daysBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}

/** Same-numbered day `months` later, or the last day of a shorter month. */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}

/** Accepts 'YYYY-MM-DD' or an ISO date-time and keeps the date part. */
export function toDateOnly(value: string): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
}
