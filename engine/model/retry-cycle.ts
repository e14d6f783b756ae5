import { isDuration, parseCycle } from '../core/iso-time.ts';

/** How often a job is tried in all, and the waits after each failed attempt (the last one repeats). */
export interface RetrySchedule { attempts: number; waits: string[] }

/**
 * A Camunda 7 `camunda:failedJobRetryTimeCycle`, counted as Camunda 7 counts it: `R5/PT10M` is five
 * attempts ten minutes apart; a list `PT10M,PT1H` is a first attempt and one retry after each wait
 * (three attempts); a lone `PT5M` is one retry. Undefined for what Dosar does not read: an
 * expression, an endless `R/…`, a cycle with a start date.
 */
export function readRetryCycle(text: string): RetrySchedule | undefined {
  const parts = text.trim().split(/\s*,\s*/);
  if (parts.length === 1 && parts[0]!.startsWith('R')) {
    try {
      const cycle = parseCycle(parts[0]!);
      return cycle.repetitions >= 1 && !cycle.start ? { attempts: cycle.repetitions, waits: [cycle.period] } : undefined;
    } catch {
      return undefined;
    }
  }
  return parts.every(isDuration) ? { attempts: parts.length + 1, waits: parts } : undefined;
}
