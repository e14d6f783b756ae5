import { AppError } from '../errors.ts';
import type { ElementDef, TimerDef } from '../model/definition.ts';
import { addDuration, isDuration, parseCycle, parseDateTime, parseDuration, toIso } from './iso-time.ts';
import type { Run } from './run.ts';
import type { TimerRecord } from './types.ts';

/** Arms timers and message subscriptions: rows the store keeps and the executor fires. */

function resolveTimerText(run: Run, value: string, scopeId: string | undefined): string {
  if (!value.startsWith('=')) return value.trim();
  const result = run.attribute(value, scopeId ?? 'root');
  if (typeof result !== 'string') {
    throw new AppError('expression-failed', `The timer expression "${value}" gave ${JSON.stringify(result)}, not a date, duration or cycle`);
  }
  return result;
}

/** First due time of a timer and, for cycles, how it repeats. */
export function computeTimer(run: Run, timer: TimerDef, scopeId?: string, now = run.now): Pick<TimerRecord, 'dueAt' | 'repeat'> {
  const text = resolveTimerText(run, timer.value, scopeId);
  const from = new Date(now);
  switch (timer.kind) {
    case 'duration':
      return { dueAt: toIso(addDuration(from, parseDuration(text))) };
    case 'date':
      // FEEL may give a duration where a date was expected: count it from now.
      return { dueAt: toIso(isDuration(text) ? addDuration(from, parseDuration(text)) : parseDateTime(text)) };
    case 'cycle': {
      const cycle = parseCycle(text);
      const first = cycle.start ?? addDuration(from, parseDuration(cycle.period));
      const remaining = cycle.repetitions < 0 ? -1 : cycle.repetitions - 1;
      return { dueAt: toIso(first), ...(remaining !== 0 ? { repeat: { remaining, period: cycle.period } } : {}) };
    }
  }
}

export function scheduleTimer(run: Run, el: ElementDef, where: { tokenId?: string; scopeId?: string }): string {
  if (el.event?.kind !== 'timer') throw new AppError('internal', `Element "${el.id}" has no timer`);
  const id = run.ctx.newId();
  const timing = computeTimer(run, el.event.timer, where.scopeId);
  run.emit({ type: 'timer.schedule', timer: { id, elementId: el.id, ...where, ...timing } });
  return id;
}

/** The next occurrence of a repeating timer that just fired, or undefined when it is spent. */
export function rescheduleCycle(run: Run, fired: { elementId: string; dueAt: string; repeat?: TimerRecord['repeat'] }, where: { tokenId?: string; scopeId?: string }): string | undefined {
  if (!fired.repeat) return undefined;
  const id = run.ctx.newId();
  const dueAt = toIso(addDuration(new Date(fired.dueAt), parseDuration(fired.repeat.period)));
  const remaining = fired.repeat.remaining < 0 ? -1 : fired.repeat.remaining - 1;
  run.emit({
    type: 'timer.schedule',
    timer: { id, elementId: fired.elementId, ...where, dueAt, ...(fired.repeat.remaining !== 1 ? { repeat: { remaining, period: fired.repeat.period } } : {}) },
  });
  return id;
}

export function openSubscription(run: Run, el: ElementDef, where: { tokenId?: string; scopeId?: string }): { id: string; messageName: string } {
  if (el.event?.kind !== 'message') throw new AppError('internal', `Element "${el.id}" has no message`);
  const id = run.ctx.newId();
  const { messageName, correlationKey } = el.event;
  const key = correlationKey ? run.attribute(correlationKey, where.scopeId ?? 'root') : undefined;
  run.emit({
    type: 'subscription.open',
    subscription: { id, messageName, elementId: el.id, ...where, ...(key !== undefined && key !== null ? { correlationKey: String(key) } : {}) },
  });
  return { id, messageName };
}
