import type { Calendar } from './calendar.ts';
import { toDateOnly } from './dates.ts';
import { addWorkingDays, computeTerm } from './term.ts';

/** The calendar as FEEL functions: add working days(date, n), is working day(date), legal due date(date, amount, unit). */
export function calendarFeelFunctions(calendar: Calendar): Record<string, (...args: unknown[]) => unknown> {
  const text = (value: unknown) => toDateOnly(String((value as { iso?: string })?.iso ?? value));
  return {
    'add working days': (date, n) => addWorkingDays(calendar, text(date), Number(n)),
    'is working day': (date) => calendar.isWorkingDay(text(date)),
    'legal due date': (date, amount, unit) => computeTerm(calendar, text(date), Number(amount), String(unit ?? 'days')).due,
  };
}
