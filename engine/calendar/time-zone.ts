/**
 * Legal days are Romanian days: a term ends at midnight in Bucharest, not in UTC. These helpers
 * convert between instants (ISO date-times) and Bucharest calendar dates, DST included.
 */
const ZONE = 'Europe/Bucharest';
const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' });

/** A calendar date as Romanians write it: 2026-03-02 -> 02.03.2026. */
export function romanianDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** The Bucharest calendar date of an instant. */
export function localDate(instant: string | Date): string {
  return dateFormat.format(typeof instant === 'string' ? new Date(instant) : instant);
}

function offsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+02:00';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** The instant a Bucharest day begins (00:00 local). */
export function startOfLocalDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = new Date(Date.UTC(y, m - 1, d));
  const first = new Date(guess.getTime() - offsetMinutes(guess) * 60_000);
  // The offset at local midnight may differ from the one at UTC midnight around DST changes.
  return new Date(guess.getTime() - offsetMinutes(first) * 60_000);
}

/** The last instant of a Bucharest day: when a term ending that day expires. */
export function endOfLocalDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return new Date(startOfLocalDay(next).getTime() - 1);
}
