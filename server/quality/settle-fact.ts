import { computeTerm, localDate, type Calendar, type Definition } from '../../engine/index.ts';
import type { EndedInstance } from './facts-store.ts';
import { COMPLAINT, type CalendarFigures, type VersionMarks } from './settle-store.ts';

/**
 * What an ended request's figures need from the server rather than from its events (which
 * settle-store.ts reads in the database): the calendar's working days and holidays, and which of
 * a version's elements mean a complaint or a refusal.
 */

/** An end whose id or name says the request was refused (e.g. `refuzDefinitiv`, "Cerere respinsă"). */
export const REFUSAL = /refuz|respin|refus|reject/i;

/** Working days in (a, b]: what a term in working days consumes between two dates. */
export function workingDaysBetween(calendar: Calendar, a: string, b: string): number {
  let count = 0;
  for (let t = Date.parse(`${a}T00:00:00Z`) + 86_400_000; t <= Date.parse(`${b}T00:00:00Z`); t += 86_400_000) {
    if (calendar.isWorkingDay(new Date(t).toISOString().slice(0, 10))) count += 1;
  }
  return count;
}

/**
 * The calendar's part of an ended request's figures. In target: it ended on or before the last day
 * of the procedure's internal target counted from the day it was received. Duration: working
 * days from the day received to the day ended. (In term, from the events: it ended on or before
 * the last day of its legal term as the ledger last stated it, suspensions and extensions
 * included; a tacit approval is the law answering for a silent office, so it is never in term.)
 */
export function calendarFigures(instance: EndedInstance, calendar: Calendar): CalendarFigures {
  const received = localDate(instance.receivedAt);
  const ended = localDate(instance.endedAt);
  const target = instance.targetTerm;
  let inTarget: boolean | null = null;
  if (target) {
    try {
      inTarget = ended <= computeTerm(calendar, received, target.amount, target.unit).due;
    } catch {
      inTarget = null;
    }
  }
  return {
    requestId: instance.requestId,
    instanceId: instance.instanceId,
    procedureKey: instance.procedureKey,
    version: instance.version,
    endedAt: instance.endedAt,
    endedDay: ended,
    resolved: instance.status === 'completed',
    inTarget,
    durationWd: workingDaysBetween(calendar, received, ended),
  };
}

/** A version's complaint elements (id or name) and refusal ends (top-level end events, by id or name). */
export function versionMarks(procedureKey: string, version: number, definition: Definition): VersionMarks {
  const elements = Object.values(definition.elements);
  return {
    procedureKey,
    version,
    complaint: elements.filter((e) => COMPLAINT.test(`${e.id} ${e.name ?? ''}`)).map((e) => e.id),
    refusal: elements.filter((e) => e.type === 'endEvent' && !e.parent && REFUSAL.test(`${e.id} ${e.name ?? ''}`)).map((e) => e.id),
  };
}
