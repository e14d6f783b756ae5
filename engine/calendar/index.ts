/** Romanian legal terms: pure, no I/O. */
export { createCalendar, parseDayFile, type Calendar } from './calendar.ts';
export { holidaysOf, orthodoxEaster } from './holidays.ts';
export { addWorkingDays, computeTerm, explainTerm, parseRule, parseUnit, workingDaysBetween } from './term.ts';
export { calendarFeelFunctions } from './feel-functions.ts';
export { parseDate, formatDate, toDateOnly } from './dates.ts';
export { assertClockEvent, clockStatus, parseLegalTerm, type ClockEvent, type ClockStatus, type LegalTerm, type RequestClock } from './request-clock.ts';
export { endOfLocalDay, localDate, romanianDate, startOfLocalDay } from './time-zone.ts';
