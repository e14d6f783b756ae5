import { AppError } from '../errors.ts';
import {
  addWorkingDays,
  assertDeadlineEvent,
  computeTerm,
  createCalendar,
  deadlineStatus,
  endOfLocalDay,
  localDate,
  parseExtension,
  parseLegalTerm,
  parseUnit,
  startOfLocalDay,
  type Calendar,
  type DeadlineEvent,
  type DeadlineStatus,
} from '../calendar/index.ts';
import type { ElementDef } from '../model/definition.ts';
import type { Run } from './run.ts';

/**
 * The request's deadline inside a step: the ledger of its legal term (engine/calendar/deadline-ledger.ts),
 * started at registration, suspended while the request waits for the citizen, extended by decision,
 * stopped when it ends. Timers tied to the legal due date (dosar:dueTimer) move with it in the same
 * step. It is stored in the instance state under `clock`, its events are `clock.*` and the BPMN
 * attribute is dosar:clock: those names are stored data and file format, so they stay.
 */

/** While the deadline is suspended its due date is unknown: tied timers wait until it resumes. */
const SUSPENDED_DUE = '9999-12-31T00:00:00.000Z';

const statutory = createCalendar();

function calendarOf(run: Run): Calendar {
  return run.ctx.calendar ?? statutory;
}

export function startDeadline(run: Run): void {
  const attrs = run.def.attrs ?? {};
  if (!attrs.legalTerm) return;
  const term = parseLegalTerm(attrs.legalTerm, { rule: attrs.legalRule, source: attrs.legalSource });
  run.state.clock = { term, events: [{ type: 'started', date: localDate(run.now), at: run.now }], timers: [] };
  run.event('clock.started', undefined, { due: deadlineStatusOf(run)!.due, term: `${term.amount} ${term.unit}`, ...(term.source ? { source: term.source } : {}) });
}

export function deadlineStatusOf(run: Run): DeadlineStatus | undefined {
  const deadline = run.state.clock;
  return deadline ? deadlineStatus(deadline, calendarOf(run)) : undefined;
}

type Change =
  | { type: 'suspended' | 'resumed'; reason?: string }
  | { type: 'extended'; amount: number; unit: string; reason?: string; source?: string; to?: true }
  | { type: 'stopped' };

/** Records a deadline event (refused when it does not fit the deadline's state) and moves tied timers. */
export function changeDeadline(run: Run, change: Change, elementId?: string): void {
  const deadline = run.state.clock;
  if (!deadline) throw new AppError('clock-required', `Procedure ${run.def.key} declares no legal term (dosar:legalTerm), so it has no clock`);
  const date = localDate(run.now);
  let event: DeadlineEvent;
  if (change.type === 'extended') {
    const unit = parseUnit(change.unit);
    computeTerm(calendarOf(run), date, change.amount, unit);
    if (!change.reason?.trim()) throw new AppError('clock-invalid', 'An extension needs a reason');
    if (change.to && unit !== deadline.term.unit) throw new AppError('clock-invalid', `An extension to a longer term counts in the term's own unit (${deadline.term.unit}), not ${unit}`);
    event = { type: 'extended', date, at: run.now, amount: change.amount, unit, reason: change.reason.trim(), ...(change.source ? { source: change.source } : {}), ...(change.to ? { to: true as const } : {}) };
  } else if (change.type === 'stopped') {
    event = { type: 'stopped', date, at: run.now };
  } else {
    event = { type: change.type, date, at: run.now, ...(change.reason ? { reason: change.reason } : {}) };
  }
  assertDeadlineEvent(deadline, event.type);
  deadline.events.push(event);
  const status = deadlineStatusOf(run)!;
  const { type: _type, date: _date, at: _at, ...details } = event;
  run.event(`clock.${event.type}`, elementId, { ...details, due: status.due, state: status.state });
  if (event.type !== 'stopped') rescheduleTiedTimers(run);
}

/** BPMN-level deadline markers: dosar:clock="suspend" waits for the citizen while the element runs. */
export function onElementEntered(run: Run, el: ElementDef): void {
  const marker = el.attrs?.clock;
  if (marker === 'suspend') changeDeadline(run, { type: 'suspended', reason: el.name ?? el.id }, el.id);
  else if (marker === 'resume' && isSuspended(run)) changeDeadline(run, { type: 'resumed', reason: el.name ?? el.id }, el.id);
}

export function onElementCompleted(run: Run, el: ElementDef): void {
  const marker = el.attrs?.clock;
  if (marker === 'suspend' && isSuspended(run)) changeDeadline(run, { type: 'resumed', reason: el.name ?? el.id }, el.id);
  else if (marker === 'extend') {
    const term = parseExtension(el.attrs?.extend ?? '');
    changeDeadline(run, { type: 'extended', amount: term.amount, unit: term.unit, reason: el.attrs?.extendReason ?? el.name ?? el.id, ...(el.attrs?.legalSource ? { source: el.attrs.legalSource } : {}), ...(term.to ? { to: true as const } : {}) }, el.id);
  }
}

function isSuspended(run: Run): boolean {
  return deadlineStatusOf(run)?.state === 'suspended';
}

/** When a timer tied to the legal due date fires: at expiry ("due") or N days before ("-2 working-days"). */
export function tiedTimerDue(run: Run, el: ElementDef): string {
  const status = deadlineStatusOf(run);
  if (!status) throw new AppError('clock-required', `"${el.name ?? el.id}" is tied to the legal due date, but the procedure declares no legal term`);
  if (!status.due) return SUSPENDED_DUE;
  const spec = (el.attrs?.dueTimer ?? 'due').trim();
  if (spec === 'due') return new Date(endOfLocalDay(status.due).getTime() + 1).toISOString();
  const m = /^-\s*(\d+)\s+(\S+)$/.exec(spec);
  if (!m) throw new AppError('definition-invalid', `dosar:dueTimer "${spec}" of "${el.id}" must be "due" or like "-2 working-days"`);
  const unit = parseUnit(m[2]!);
  const amount = Number(m[1]);
  const day = unit === 'working-days'
    ? addWorkingDays(calendarOf(run), status.due, -amount)
    : new Date(Date.parse(`${status.due}T00:00:00Z`) - amount * 86_400_000).toISOString().slice(0, 10);
  return startOfLocalDay(day).toISOString();
}

function rescheduleTiedTimers(run: Run): void {
  const deadline = run.state.clock!;
  for (const tied of [...deadline.timers]) {
    const el = run.element(tied.elementId);
    const dueAt = tiedTimerDue(run, el);
    const newId = run.ctx.newId();
    run.emit({ type: 'timer.cancel', timerId: tied.timerId });
    const where = locate(run, tied.timerId, newId);
    run.emit({ type: 'timer.schedule', timer: { id: newId, elementId: el.id, ...where, dueAt } });
    deadline.timers.push({ timerId: newId, elementId: el.id });
  }
}

/** Replaces a timer id wherever the state holds it; returns where the timer belongs. */
function locate(run: Run, oldId: string, newId: string): { tokenId?: string; scopeId?: string } {
  const swap = (ids: string[] | undefined) => {
    const i = ids?.indexOf(oldId) ?? -1;
    if (i >= 0) ids![i] = newId;
    return i >= 0;
  };
  for (const t of run.state.tokens) {
    if (t.wait?.kind === 'timer' && t.wait.timerId === oldId) {
      t.wait.timerId = newId;
      return { tokenId: t.id, scopeId: t.scopeId };
    }
    if ((t.wait?.kind === 'eventGateway' && swap(t.wait.timerIds)) || swap(t.boundaryTimerIds)) return { tokenId: t.id, scopeId: t.scopeId };
  }
  for (const s of run.state.scopes) if (swap(s.eventTimerIds)) return { scopeId: s.id };
  return {};
}

/**
 * A user task with its own legal term is due at the end of that term's last day, counted from the
 * task's start, or from the request's registration with "from-registration" (e.g. "5 days
 * from-registration": Legea 544/2001 art. 7 alin. (2), "în termen de 5 zile de la primirea petițiilor").
 */
export function taskDueFromTerm(run: Run, el: ElementDef): string | undefined {
  const text = el.attrs?.legalTerm;
  if (!text) return undefined;
  const { term: termText, fromRegistration } = splitTaskTerm(text);
  const term = parseLegalTerm(termText, { rule: el.attrs?.legalRule });
  const registered = run.state.clock?.events.find((e) => e.type === 'started')?.date;
  if (fromRegistration && !registered) throw new AppError('clock-required', `"${el.name ?? el.id}" counts its term from registration, but the procedure declares no legal term`);
  const due = computeTerm(calendarOf(run), fromRegistration ? registered! : localDate(run.now), term.amount, term.unit, { rule: term.rule }).due;
  return endOfLocalDay(due).toISOString();
}

/** "5 days from-registration" -> the term and where it is counted from. */
export function splitTaskTerm(text: string): { term: string; fromRegistration: boolean } {
  const m = /^(.*\S)\s+from-registration\s*$/.exec(text);
  return m ? { term: m[1]!, fromRegistration: true } : { term: text, fromRegistration: false };
}
