import { AppError } from '../errors.ts';
import type { Calendar } from './calendar.ts';
import { addDays, addMonths, daysBetween, formatDate, parseDate } from './dates.ts';
import { addWorkingDays, assertAmount, computeTerm, parseRule, proceduralExtraDay, parseUnit, workingDaysBetween, type TermRule, type TermUnit } from './term.ts';

/**
 * A request's deadline: the ledger of its legal term's events (started, suspended, resumed,
 * extended, stopped). The due date is always recomputed from the ledger, never patched by hand.
 * (Not the time source: that is the engine's `Clock`, engine/clock.ts.)
 */

export interface LegalTerm {
  amount: number;
  unit: TermUnit;
  rule: TermRule;
  /** The law and article the term comes from. */
  source?: string;
}

export type DeadlineEvent =
  | { type: 'started'; date: string; at: string }
  | { type: 'suspended'; date: string; at: string; reason?: string }
  | { type: 'resumed'; date: string; at: string; reason?: string }
  /** `to`: the term becomes `amount` counted from the start (a longer term the law allows), not `amount` more after the due date. */
  | { type: 'extended'; date: string; at: string; amount: number; unit: TermUnit; reason: string; source?: string; to?: true }
  | { type: 'stopped'; date: string; at: string };

export interface Deadline {
  term: LegalTerm;
  events: DeadlineEvent[];
}

export interface DeadlineStatus {
  state: 'running' | 'suspended' | 'stopped';
  /** Last day of the term (it ends at the end of that day); null while suspended. */
  due: string | null;
  suspendedSince?: string;
  /** Calendar days spent suspended so far. */
  suspendedDays: number;
  extensions: number;
}

/** Parses "30 days", "15 working-days", "2 months", optionally followed by "procedural". */
export function parseLegalTerm(text: string, extra: { rule?: string; source?: string } = {}): LegalTerm {
  const m = /^\s*(\d+)\s+([a-zăâîșțA-Z-]+)(?:\s+(civil|procedural))?\s*$/.exec(text ?? '');
  if (!m) throw new AppError('term-invalid', `"${text}" is not a legal term like "30 days" or "15 working-days"`);
  const unit = parseUnit(m[2]!);
  const amount = assertAmount(Number(m[1]), unit);
  const rule = parseRule(m[3] ?? extra.rule);
  return { amount, unit, rule, ...(extra.source ? { source: extra.source } : {}) };
}

/**
 * Parses dosar:extend: "15 days" adds 15 days after the due date (OG 27/2002 art. 9); "to 30 days"
 * makes the term 30 days from the start (Legea 544/2001 art. 7 alin. (1): "în cel mult 30 de zile de
 * la înregistrarea solicitării"), in the term's own unit.
 */
export function parseExtension(text: string): LegalTerm & { to?: true } {
  const m = /^\s*to\s+(.*)$/.exec(text ?? '');
  return m ? { ...parseLegalTerm(m[1]!), to: true } : parseLegalTerm(text);
}

export function deadlineStatus(deadline: Deadline, calendar: Calendar): DeadlineStatus {
  const { term } = deadline;
  const started = deadline.events.find((e) => e.type === 'started');
  if (!started) throw new AppError('clock-invalid', 'The clock was never started');
  const extra = proceduralExtraDay(term.rule, term.unit);
  // An extension "to" a longer term replaces the term's length, still counted from the start.
  const amount = deadline.events.reduce((n, e) => (e.type === 'extended' && e.to ? Math.max(n, e.amount) : n), term.amount);
  let runningFrom = started.date;
  let remaining = amount + extra;
  let suspendedSince: string | undefined;
  let suspendedDays = 0;
  let stopped = false;
  const extensions: Array<{ amount: number; unit: TermUnit }> = [];
  let extended = 0;
  for (const e of deadline.events) {
    if (e.type === 'suspended' && !suspendedSince) {
      if (term.unit === 'days') remaining -= Math.max(0, daysBetween(parseDate(runningFrom), parseDate(e.date)));
      else if (term.unit === 'working-days') remaining -= workingDaysBetween(calendar, runningFrom, e.date);
      suspendedSince = e.date;
    } else if (e.type === 'resumed' && suspendedSince) {
      suspendedDays += Math.max(0, daysBetween(parseDate(suspendedSince), parseDate(e.date)));
      runningFrom = e.date;
      suspendedSince = undefined;
    } else if (e.type === 'extended') {
      extended += 1;
      if (!e.to) extensions.push({ amount: e.amount, unit: e.unit });
    } else if (e.type === 'stopped') {
      stopped = true;
    }
  }
  if (suspendedSince && !stopped) return { state: 'suspended', due: null, suspendedSince, suspendedDays, extensions: extended };
  let last: Date;
  if (term.unit === 'days') last = addDays(parseDate(runningFrom), remaining);
  else if (term.unit === 'working-days') last = parseDate(addWorkingDays(calendar, runningFrom, Math.max(remaining, 0)));
  else if (term.unit === 'weeks') last = addDays(parseDate(started.date), amount * 7 + suspendedDays);
  else last = addDays(addMonths(parseDate(started.date), term.unit === 'years' ? amount * 12 : amount), suspendedDays);
  // The last day moves to a working day (Codul civil art. 2554); then each extension runs from it.
  let due = computeTerm(calendar, formatDate(last), 0, 'days').due;
  for (const ext of extensions) due = computeTerm(calendar, due, ext.amount, ext.unit).due;
  return { state: stopped ? 'stopped' : 'running', due, suspendedDays, extensions: extended };
}

/** Checks that an event fits the deadline's state; throws clock-invalid otherwise. */
export function assertDeadlineEvent(deadline: Deadline, type: DeadlineEvent['type']): void {
  const last = [...deadline.events].reverse().find((e) => e.type === 'suspended' || e.type === 'resumed' || e.type === 'stopped');
  if (last?.type === 'stopped') throw new AppError('clock-invalid', 'The legal term of this request has stopped: the request is finished');
  const suspended = last?.type === 'suspended';
  if (type === 'suspended' && suspended) throw new AppError('clock-invalid', 'The legal term is already suspended');
  if (type === 'resumed' && !suspended) throw new AppError('clock-invalid', 'The legal term is not suspended, so it cannot be resumed');
}
