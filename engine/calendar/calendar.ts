import { AppError } from '../errors.ts';
import { formatDate, parseDate } from './dates.ts';
import { holidaysOf } from './holidays.ts';

export interface DayNote {
  date: string;
  reason: string;
}

export type NonWorkingReason =
  | { kind: 'weekend'; name: string; nameEn: string }
  | { kind: 'holiday'; name: string; nameEn: string; source: string }
  | { kind: 'extra'; name: string; nameEn: string };

export interface Calendar {
  isWorkingDay(date: string): boolean;
  /** Why a day is not worked, or null for a working day. */
  nonWorkingReason(date: string): NonWorkingReason | null;
}

const WEEKDAYS_RO = ['duminică', 'luni', 'marți', 'miercuri', 'joi', 'vineri', 'sâmbătă'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The working-day calendar: weekends and the statutory holidays are law (code); the extra days a
 * government decision or the city hall sets (non-working bridges, worked Saturdays) are data.
 */
export function createCalendar(options: { extraNonWorkingDays?: DayNote[]; extraWorkingDays?: DayNote[] } = {}): Calendar {
  const extraOff = new Map((options.extraNonWorkingDays ?? []).map((d) => [checked(d.date), d.reason]));
  const extraOn = new Map((options.extraWorkingDays ?? []).map((d) => [checked(d.date), d.reason]));
  const nonWorkingReason = (date: string): NonWorkingReason | null => {
    const day = parseDate(date);
    // Two feasts can fall on one day (Rusalii Monday and Children's Day in 2026): name both.
    const feasts = holidaysOf(day.getUTCFullYear()).filter((h) => h.date === date);
    if (feasts.length > 0) {
      return { kind: 'holiday', name: feasts.map((h) => h.name).join(' și '), nameEn: feasts.map((h) => h.nameEn).join(' and '), source: [...new Set(feasts.map((h) => h.source))].join('; ') };
    }
    const extra = extraOff.get(date);
    if (extra !== undefined) return { kind: 'extra', name: extra, nameEn: extra };
    const weekday = day.getUTCDay();
    if ((weekday === 0 || weekday === 6) && !extraOn.has(date)) return { kind: 'weekend', name: WEEKDAYS_RO[weekday]!, nameEn: WEEKDAYS_EN[weekday]! };
    return null;
  };
  return { nonWorkingReason, isWorkingDay: (date) => nonWorkingReason(date) === null };
}

function checked(date: string): string {
  return formatDate(parseDate(date));
}

/** Parses an import file of extra days: one `YYYY-MM-DD;reason` (or comma, tab) per line, # comments. */
export function parseDayFile(text: string): DayNote[] {
  const days: DayNote[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(\d{4}-\d{2}-\d{2})\s*[;,\t]\s*(.+)$/.exec(line);
    if (!m) {
      problems.push(`line ${i + 1}: expected "YYYY-MM-DD;reason", got "${line.slice(0, 60)}"`);
      return;
    }
    try {
      parseDate(m[1]!);
      days.push({ date: m[1]!, reason: m[2]!.trim() });
    } catch (err) {
      problems.push(`line ${i + 1}: ${(err as Error).message}`);
    }
  });
  if (problems.length > 0) throw new AppError('term-invalid', `The file has ${problems.length} bad line(s): ${problems.join('; ')}`);
  return days;
}
