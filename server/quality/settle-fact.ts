import { computeTerm, localDate, type Calendar, type Definition } from '../../engine/index.ts';
import type { EndedFact, EndedInstance } from './facts-store.ts';

/** What an ended request's figures are read from: its events (the term's ledger, tasks, the end reached). */
export interface FactEvent { type: string; elementId: string | null; data: Record<string, unknown> | null }

/** An end whose id or name says the request was refused (e.g. `refuzDefinitiv`, "Cerere respinsă"). */
const REFUSAL = /refuz|respin|refus|reject/i;
/** An element of an administrative complaint (Legea 544/2001 art. 21: `reclamatie…`). */
const COMPLAINT = /reclama|contesta|complaint/i;

/** Working days in (a, b]: what a term in working days consumes between two dates. */
export function workingDaysBetween(calendar: Calendar, a: string, b: string): number {
  let count = 0;
  for (let t = Date.parse(`${a}T00:00:00Z`) + 86_400_000; t <= Date.parse(`${b}T00:00:00Z`); t += 86_400_000) {
    if (calendar.isWorkingDay(new Date(t).toISOString().slice(0, 10))) count += 1;
  }
  return count;
}

/**
 * The figures of one ended request. In term: it ended on or before the last day of its legal term
 * as the ledger last stated it (suspensions and extensions included); a tacit approval is the law
 * answering for a silent office, so it is never "in term". In target: ended on or before the last
 * day of the procedure's internal target counted from the day it was received. Duration: working
 * days from the day received to the day ended. Resolved by: the last person a task was claimed by
 * or given to.
 */
export function settleFact(instance: EndedInstance, events: FactEvent[], definition: Definition | undefined, calendar: Calendar): EndedFact {
  const received = localDate(instance.receivedAt);
  const ended = localDate(instance.endedAt);
  let due: string | null = null;
  let suspensions = 0;
  let extensions = 0;
  let tacit = false;
  let complaint = false;
  let refused = false;
  let resolvedBy: string | null = null;
  for (const e of events) {
    if (e.type.startsWith('clock.') && typeof e.data?.due === 'string') due = e.data.due;
    if (e.type === 'clock.suspended') suspensions += 1;
    if (e.type === 'clock.extended') extensions += 1;
    if (e.type === 'clock.tacit-approval') tacit = true;
    if ((e.type === 'task.claimed' || e.type === 'task.reassigned') && typeof e.data?.assignee === 'string') resolvedBy = e.data.assignee;
    const element = e.elementId ? definition?.elements[e.elementId] : undefined;
    if (e.elementId && COMPLAINT.test(`${e.elementId} ${element?.name ?? ''}`)) complaint = true;
    if (e.type === 'element.completed' && element?.type === 'endEvent' && !element.parent && REFUSAL.test(`${element.id} ${element.name ?? ''}`)) refused = true;
  }
  const resolved = instance.status === 'completed';
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
    endedAt: instance.endedAt,
    resolved,
    inTerm: due === null ? null : !tacit && ended <= due,
    inTarget,
    refused,
    tacit,
    complaint,
    suspensions,
    extensions,
    durationWd: workingDaysBetween(calendar, received, ended),
    resolvedBy,
  };
}
