import { parseDateTime } from './core/iso-time.ts';
import { AppError } from './errors.ts';

/**
 * The one time source the engine reads. Everything else receives `now` as an argument. (A request's
 * legal-term ledger is its deadline: engine/calendar/deadline-ledger.ts.)
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const date = typeof at === 'string' ? parseInstant(at) : at;
  return { now: () => new Date(date.getTime()) };
}

/** As dates in a model: without an offset, a Bucharest wall-clock time (engine/core/iso-time.ts). */
function parseInstant(text: string): Date {
  try {
    return parseDateTime(text);
  } catch {
    throw new AppError('bad-input', `"${text}" is not an ISO date-time (e.g. 2026-12-01T09:00:00Z)`);
  }
}

/**
 * Clock from the environment: `--at` is honoured only with DOSAR_CLOCK=manual, so a stray flag
 * can never move a production clock.
 */
export function clockFromEnv(at: string | undefined, env: NodeJS.ProcessEnv = process.env): Clock {
  if (at === undefined) return systemClock;
  if (env.DOSAR_CLOCK !== 'manual') {
    throw new AppError('bad-input', '--at is only allowed when DOSAR_CLOCK=manual');
  }
  return fixedClock(at);
}
