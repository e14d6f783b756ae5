import { AppError } from '../errors.ts';
import type { Calendar } from './calendar.ts';
import { addDays, addMonths, formatDate, parseDate } from './dates.ts';

export type TermUnit = 'days' | 'working-days' | 'weeks' | 'months' | 'years';
export type TermRule = 'civil' | 'procedural';

export interface SkippedDay {
  date: string;
  reason: string;
}

export interface TermResult {
  start: string;
  amount: number;
  unit: TermUnit;
  rule: TermRule;
  due: string;
  /** Each non-working day passed over, in order, with why. */
  skipped: SkippedDay[];
  source: string;
}

const LIMITS: Record<TermUnit, number> = { days: 3650, 'working-days': 2600, weeks: 520, months: 120, years: 10 };
const UNIT_ALIASES: Record<string, TermUnit> = {
  day: 'days', days: 'days', zile: 'days', zi: 'days',
  'working-day': 'working-days', 'working-days': 'working-days', 'zile-lucratoare': 'working-days', 'zile-lucrătoare': 'working-days',
  week: 'weeks', weeks: 'weeks', saptamana: 'weeks', săptămână: 'weeks', saptamani: 'weeks', săptămâni: 'weeks',
  month: 'months', months: 'months', luni: 'months', luna: 'months', lună: 'months',
  year: 'years', years: 'years', ani: 'years', an: 'years',
};

export function parseUnit(text: string): TermUnit {
  const unit = UNIT_ALIASES[String(text).trim().toLowerCase()];
  if (!unit) throw new AppError('term-invalid', `"${text}" is not a term unit: use days, working-days, weeks, months or years`);
  return unit;
}

export function parseRule(text: string | undefined): TermRule {
  if (text === undefined || text === 'civil') return 'civil';
  if (text === 'procedural') return 'procedural';
  throw new AppError('term-invalid', `"${text}" is not a counting rule: use civil or procedural`);
}

export function assertAmount(amount: unknown, unit: TermUnit): number {
  if (typeof amount !== 'number' || !Number.isInteger(amount)) throw new AppError('term-invalid', `The amount must be a whole number, not ${JSON.stringify(amount)}`);
  if (amount < 0) throw new AppError('term-invalid', `The amount cannot be negative (${amount})`);
  if (amount > LIMITS[unit]) throw new AppError('term-invalid', `${amount} ${unit} is beyond any legal term (at most ${LIMITS[unit]})`);
  return amount;
}

function describe(calendar: Calendar, date: string): string | null {
  const reason = calendar.nonWorkingReason(date);
  if (!reason) return null;
  if (reason.kind === 'holiday') return `${reason.name} (sărbătoare legală, ${reason.source})`;
  if (reason.kind === 'extra') return `${reason.name} (zi nelucrătoare)`;
  return `${reason.name} (weekend)`;
}

/** The first working day on or after `date`, listing the days passed over. */
function nextWorkingDay(calendar: Calendar, date: Date, skipped: SkippedDay[]): Date {
  let day = date;
  for (let guard = 0; guard < 60; guard++) {
    const iso = formatDate(day);
    const why = describe(calendar, iso);
    if (!why) return day;
    skipped.push({ date: iso, reason: why });
    day = addDays(day, 1);
  }
  throw new AppError('term-invalid', `No working day within 60 days of ${formatDate(date)}`);
}

/** The Nth working day after `start` (N may be negative: the Nth before). */
export function addWorkingDays(calendar: Calendar, start: string, n: number, skipped: SkippedDay[] = []): string {
  let day = parseDate(start);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  while (left > 0) {
    day = addDays(day, step);
    const iso = formatDate(day);
    const why = describe(calendar, iso);
    if (why) skipped.push({ date: iso, reason: why });
    else left -= 1;
  }
  return formatDate(day);
}

/** Working days in (a, b]: how many a working-days term consumes between two dates. */
export function workingDaysBetween(calendar: Calendar, a: string, b: string): number {
  let day = parseDate(a);
  const end = parseDate(b);
  let count = 0;
  while (day < end) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(formatDate(day))) count += 1;
  }
  return count;
}

/**
 * When a term ends. Civil rule (Codul civil art. 2551-2554): the start day does not count; a
 * term in days ends at the end of its last day; in weeks, months or years on the corresponding
 * day of the last week, month or year (the month's last day when it has none); in working days on
 * the Nth working day after the start. A last day that is not worked moves to the next working day
 * (art. 2554). The procedural rule (Cod procedură civilă art. 181 alin. (1) pct. 2, "zile libere")
 * also leaves out the last day of a term in days; in weeks, months or years it counts as the civil
 * one (pct. 3).
 */
export function computeTerm(calendar: Calendar, start: string, amount: number, unitText: TermUnit | string, options: { rule?: TermRule } = {}): TermResult {
  const startDate = parseDate(start);
  const unit = parseUnit(unitText);
  assertAmount(amount, unit);
  const rule = options.rule ?? 'civil';
  const extra = proceduralExtraDay(rule, unit);
  const skipped: SkippedDay[] = [];
  let last: Date;
  switch (unit) {
    case 'days':
      last = addDays(startDate, amount + extra);
      break;
    case 'working-days':
      last = parseDate(addWorkingDays(calendar, formatDate(startDate), amount + extra, skipped));
      break;
    case 'weeks':
      last = addDays(startDate, amount * 7);
      break;
    case 'months':
      last = addMonths(startDate, amount);
      break;
    case 'years':
      last = addMonths(startDate, amount * 12);
      break;
  }
  const due = nextWorkingDay(calendar, last, skipped);
  return {
    start: formatDate(startDate),
    amount,
    unit,
    rule,
    due: formatDate(due),
    skipped,
    source: rule === 'procedural'
      ? 'Cod procedură civilă art. 181; Codul civil art. 2554'
      : unit === 'weeks' || unit === 'months' || unit === 'years' ? 'Codul civil art. 2551, art. 2554' : unit === 'days' ? 'Codul civil art. 2553-2554' : 'Codul civil art. 2554 (zile lucrătoare după ziua de început)',
  };
}

export function explainTerm(result: TermResult, lang: 'ro' | 'en' = 'ro'): string[] {
  const head = lang === 'ro'
    ? `Termen de ${romanianTerm(result.amount, result.unit)} de la ${result.start} (regula ${result.rule === 'civil' ? 'civilă' : 'procedurală'}, ${result.source}): ${result.due}`
    : `Term of ${englishTerm(result.amount, result.unit)} from ${result.start} (${result.rule} rule, ${result.source}): ${result.due}`;
  return [head, ...result.skipped.map((s) => `${s.date} ${s.reason}`)];
}

const EN_UNITS: Record<TermUnit, [one: string, many: string]> = {
  days: ['day', 'days'], 'working-days': ['working day', 'working days'], weeks: ['week', 'weeks'], months: ['month', 'months'], years: ['year', 'years'],
};

/** "1 day", "15 working days". */
export function englishTerm(amount: number, unit: TermUnit): string {
  const [one, many] = EN_UNITS[unit];
  return `${amount} ${amount === 1 ? one : many}`;
}

const RO_UNITS: Record<TermUnit, [one: string, many: string]> = {
  days: ['zi', 'zile'], 'working-days': ['zi lucrătoare', 'zile lucrătoare'], weeks: ['săptămână', 'săptămâni'], months: ['lună', 'luni'], years: ['an', 'ani'],
};

/** "1 zi", "15 zile lucrătoare", "30 de zile": Romanian puts "de" between a number from 20 on and its noun. */
export function romanianTerm(amount: number, unit: TermUnit): string {
  const [one, many] = RO_UNITS[unit];
  if (amount === 1) return `1 ${one}`;
  const de = amount >= 20 && (amount % 100 === 0 || amount % 100 >= 20) ? 'de ' : '';
  return `${amount} ${de}${many}`;
}

/**
 * The day the procedural rule adds: only terms in days leave out their last day (Cod procedură
 * civilă art. 181 alin. (1) pct. 2); working days follow them. Weeks, months and years end on the
 * corresponding day (pct. 3), as under the civil rule.
 */
export function proceduralExtraDay(rule: TermRule, unit: TermUnit): number {
  return rule === 'procedural' && (unit === 'days' || unit === 'working-days') ? 1 : 0;
}
