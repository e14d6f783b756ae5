import { AppError } from '../errors.ts';
import type { ElementDef, TimerDef } from '../model/definition.ts';
import { addDuration, isCron, isDuration, parseCycle, parseDateTime, parseDuration, toIso } from './iso-time.ts';
import { nextCron } from './cron.ts';
import type { Run } from './run.ts';
import { tiedTimerDue } from './deadline.ts';
import type { Json, TimerRecord } from './types.ts';

/** Arms timers and message and signal subscriptions: rows the store keeps and the executor fires. */

/** First due time of a timer and, for cycles, how it repeats; `resolve` evaluates '=feel' values. */
export function computeTimerAt(timer: TimerDef, now: string, resolve: (value: string) => Json): Pick<TimerRecord, 'dueAt' | 'repeat'> {
  const value = timer.value.startsWith('=') ? resolve(timer.value) : timer.value.trim();
  if (typeof value !== 'string') {
    throw new AppError('expression-failed', `The timer expression "${timer.value}" gave ${JSON.stringify(value)}, not a date, duration or cycle`);
  }
  const from = new Date(now);
  switch (timer.kind) {
    case 'duration':
      return { dueAt: toIso(addDuration(from, parseDuration(value))) };
    case 'date':
      // FEEL may give a duration where a date was expected: count it from now.
      return { dueAt: toIso(isDuration(value) ? addDuration(from, parseDuration(value)) : parseDateTime(value)) };
    case 'cycle': {
      if (isCron(value)) return { dueAt: toIso(cronAfter(value, from)), repeat: { remaining: -1, period: value } };
      const cycle = parseCycle(value);
      const first = cycle.start ?? addDuration(from, parseDuration(cycle.period));
      const remaining = cycle.repetitions < 0 ? -1 : cycle.repetitions - 1;
      return { dueAt: toIso(first), ...(remaining !== 0 ? { repeat: { remaining, period: cycle.period } } : {}) };
    }
  }
}

function computeTimer(run: Run, timer: TimerDef, scopeId?: string): Pick<TimerRecord, 'dueAt' | 'repeat'> {
  return computeTimerAt(timer, run.now, (value) => run.attribute(value, scopeId ?? 'root'));
}

/** The next time a cron cycle names; one that never fires (an expression from FEEL) is refused. */
function cronAfter(expression: string, after: Date): Date {
  const next = nextCron(expression, after);
  if (!next) throw new AppError('expression-failed', `The timer cycle "${expression}" never fires`);
  return next;
}

/** The occurrence after `fired` of a repeating timer, or undefined when its repetitions are spent. */
export function nextOccurrence(fired: Pick<TimerRecord, 'dueAt' | 'repeat'>): Pick<TimerRecord, 'dueAt' | 'repeat'> | undefined {
  if (!fired.repeat) return undefined;
  const { period } = fired.repeat;
  const dueAt = toIso(isCron(period) ? cronAfter(period, new Date(fired.dueAt)) : addDuration(new Date(fired.dueAt), parseDuration(period)));
  const remaining = fired.repeat.remaining < 0 ? -1 : fired.repeat.remaining - 1;
  return { dueAt, ...(fired.repeat.remaining !== 1 ? { repeat: { remaining, period: fired.repeat.period } } : {}) };
}

export function scheduleTimer(run: Run, el: ElementDef, where: { tokenId?: string; scopeId?: string }): string {
  if (el.event?.kind !== 'timer') throw new AppError('internal', `Element "${el.id}" has no timer`);
  const id = run.ctx.newId();
  if (el.attrs?.dueTimer) {
    run.emit({ type: 'timer.schedule', timer: { id, elementId: el.id, ...where, dueAt: tiedTimerDue(run, el) } });
    run.state.clock!.timers.push({ timerId: id, elementId: el.id });
    return id;
  }
  const timing = computeTimer(run, el.event.timer, where.scopeId);
  run.emit({ type: 'timer.schedule', timer: { id, elementId: el.id, ...where, ...timing } });
  return id;
}

/** Re-arms a repeating timer that just fired; undefined when it is spent. */
export function rescheduleCycle(run: Run, fired: TimerRecord, where: { tokenId?: string; scopeId?: string }): string | undefined {
  const next = nextOccurrence(fired);
  if (!next) return undefined;
  const id = run.ctx.newId();
  run.emit({ type: 'timer.schedule', timer: { id, elementId: fired.elementId, ...where, ...next } });
  return id;
}

export function openSubscription(run: Run, el: ElementDef, where: { tokenId?: string; scopeId?: string }): { id: string; messageName: string } {
  const id = run.ctx.newId();
  if (el.event?.kind === 'signal') {
    // A signal is broadcast by name: no correlation key, and the name may be an expression.
    const signalName = String(run.attribute(el.event.signalName, where.scopeId ?? 'root'));
    run.emit({ type: 'subscription.open', subscription: { id, kind: 'signal', messageName: signalName, elementId: el.id, ...where } });
    return { id, messageName: signalName };
  }
  if (el.event?.kind !== 'message') throw new AppError('internal', `Element "${el.id}" has no message`);
  const { messageName, correlationKey } = el.event;
  const key = correlationKey ? run.attribute(correlationKey, where.scopeId ?? 'root') : undefined;
  run.emit({
    type: 'subscription.open',
    subscription: { id, messageName, elementId: el.id, ...where, ...(key !== undefined && key !== null ? { correlationKey: String(key) } : {}) },
  });
  return { id, messageName };
}
