/** Romanian legal terms: pure, no I/O. */
export { createCalendar, parseDayFile, type Calendar } from './calendar.ts';
export { holidaysOf, orthodoxEaster } from './holidays.ts';
export { addWorkingDays, computeTerm, englishTerm, explainTerm, parseRule, parseUnit, romanianTerm, workingDaysBetween, type TermUnit } from './term.ts';
export { calendarFeelFunctions } from './feel-functions.ts';
export { parseDate, formatDate } from './dates.ts';
export { assertDeadlineEvent, deadlineStatus, parseExtension, parseLegalTerm, type Deadline, type DeadlineEvent, type DeadlineStatus, type LegalTerm } from './deadline-ledger.ts';
export { endOfLocalDay, localDate, romanianDate, startOfLocalDay } from './time-zone.ts';
