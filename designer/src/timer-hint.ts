import { addDuration, isCron, parseCycle, parseDateTime, parseDuration } from '../../engine/browser.ts';

export type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';

/**
 * When a timer would next fire if it started at `now`, with the engine's own ISO 8601 parsing.
 * Undefined for expressions ("=...", known only at run time) and cron cycles (checked at deploy);
 * throws on an invalid value.
 */
export function nextTimerDate(kind: TimerKind, value: string, now: Date): Date | undefined {
  const text = value.trim();
  if (text === '' || text.startsWith('=') || /^[$#]\{/.test(text)) return undefined;
  if (kind === 'timeDuration') return addDuration(now, parseDuration(text));
  if (kind === 'timeDate') return parseDateTime(text);
  if (isCron(text)) return undefined;
  const cycle = parseCycle(text);
  const period = parseDuration(cycle.period);
  if (!cycle.start) return addDuration(now, period);
  // A cycle that began in the past fires next at its first occurrence after now (bounded walk).
  let next = cycle.start;
  for (let fired = 0; next.getTime() <= now.getTime(); fired++) {
    if (cycle.repetitions >= 0 && fired >= cycle.repetitions) return undefined;
    if (fired > 100_000) return undefined;
    next = addDuration(next, period);
  }
  return next;
}
