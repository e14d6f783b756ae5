import { calendarFeelFunctions, createCalendar, type Calendar } from '../calendar/index.ts';
import type { FeelFunctions } from '../expressions/feel.ts';
import type { CalendarDay, EnginePort } from '../ports.ts';
import { assertStorableText } from '../storable-text.ts';

export interface LoadedCalendar {
  calendar: Calendar;
  /** The calendar's FEEL functions (working days, due dates), for the steps' expressions. */
  functions: FeelFunctions;
}

/**
 * The legal calendar: statutory holidays plus the extra days stored by admins, read once and kept
 * until an admin changes them. Every read names the port it goes through: inside a transaction it
 * must be that transaction's, since on PGlite (one connection) a read through the pool waits for
 * the open transaction forever.
 */
export class LegalCalendar {
  private cache?: Promise<LoadedCalendar>;

  load(port: EnginePort): Promise<LoadedCalendar> {
    this.cache ??= port.listCalendarDays().then((days) => {
      const calendar = createCalendar({
        extraNonWorkingDays: days.filter((d) => d.kind === 'non-working'),
        extraWorkingDays: days.filter((d) => d.kind === 'working'),
      });
      return { calendar, functions: calendarFeelFunctions(calendar) };
    }).catch((err) => {
      this.cache = undefined;
      throw err;
    });
    return this.cache;
  }

  async put(port: EnginePort, days: CalendarDay[]): Promise<void> {
    for (const d of days) createCalendar({ extraNonWorkingDays: [d] });
    assertStorableText(days, { ro: 'Lista de zile', en: 'The list of days' });
    await port.putCalendarDays(days);
    this.cache = undefined;
  }
}
