import { Cron } from 'croner';
import { AppError } from '../errors.ts';
import { ZONE } from '../calendar/time-zone.ts';

/**
 * Timer cycles written as cron expressions, as Camunda 8 (Spring's six fields: second, minute,
 * hour, day of month, month, day of week) and Camunda 7 take them: `0 0 8 1 * ?` fires at 08:00 on
 * the first of every month, `0 30 9 ? * MON-FRI` at 09:30 on weekdays, `@daily` at midnight. Times
 * are Bucharest wall-clock times, as dates in a model are; a cron cycle repeats until its element
 * ends. Days of the week count as Camunda 8 counts them (0 or 7 Sunday, 1 Monday): names are plainer.
 */

/** Quartz and Spring read `?` as "any"; croner would read it as the current time's value. */
function compile(text: string): Cron {
  try {
    return new Cron(text.trim().replace(/\?/g, '*'), { timezone: ZONE, paused: true, legacyMode: false });
  } catch (err) {
    throw new AppError('bad-input', `"${text}" is not a cron expression (e.g. 0 0 8 1 * ? for 08:00 on the first of each month): ${(err as Error).message.replace(/^CronPattern: /, '')}`);
  }
}

/** Throws bad-input, saying why, when the expression cannot be read. */
export function checkCron(text: string): void {
  if (!nextCron(text, new Date(Date.UTC(2000, 0, 1)))) throw new AppError('bad-input', `"${text}" never fires`);
}

/** The first instant after `after` that the expression names, or undefined when there is none. */
export function nextCron(text: string, after: Date): Date | undefined {
  return compile(text).nextRun(after) ?? undefined;
}
