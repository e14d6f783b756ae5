import { randomUUID } from 'node:crypto';
import { evaluateFeel, toJson } from '../expressions/feel.ts';
import type { TimerDef } from '../model/definition.ts';
import type { TimerRecord } from './types.ts';
import { computeTimerAt, nextOccurrence } from './waits.ts';

/** Timers of timer start events belong to a definition, not an instance: FEEL sees no variables. */
export function firstStartTimer(args: { elementId: string; timer: TimerDef; now: Date }): TimerRecord {
  const now = args.now.toISOString();
  const timing = computeTimerAt(args.timer, now, (value) => toJson(evaluateFeel(value.slice(1), {}, now)));
  return { id: randomUUID(), elementId: args.elementId, ...timing };
}

export function nextStartTimer(fired: TimerRecord): TimerRecord | undefined {
  const next = nextOccurrence(fired);
  return next ? { id: randomUUID(), elementId: fired.elementId, ...next } : undefined;
}
