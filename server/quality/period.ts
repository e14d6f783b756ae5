import { AppError } from '../../engine/index.ts';
import { defaultPeriod } from './figures.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 3 * 366;

/** The period asked for (Bucharest days), else the last 365 days; at most three years. */
export function readPeriod(from: unknown, to: unknown, now: Date): { from: string; to: string } {
  const fallback = defaultPeriod(now);
  const period = {
    from: typeof from === 'string' && DAY.test(from) ? from : fallback.from,
    to: typeof to === 'string' && DAY.test(to) ? to : fallback.to,
  };
  const days = (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000;
  if (Number.isNaN(days) || days < 0 || days > MAX_DAYS) {
    throw new AppError('bad-input', { ro: 'Perioada trebuie să înceapă înainte să se termine și să aibă cel mult trei ani.', en: 'The period must start before it ends and last at most three years.' });
  }
  return period;
}

/** A version asked for in a query string: a positive integer, or none (the newest). */
export function readVersion(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new AppError('bad-input', { ro: 'Versiunea trebuie să fie un număr întreg pozitiv.', en: 'The version must be a positive whole number.' });
  return n;
}
