/**
 * Legal days are Romanian days: a term ends at midnight in Bucharest, not in UTC. These helpers
 * convert between instants (ISO date-times) and Bucharest calendar dates, DST included.
 */
export const ZONE = 'Europe/Bucharest';
const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' });

/** A calendar date as Romanians write it: 2026-03-02 -> 02.03.2026. */
export function romanianDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** The Bucharest calendar date of an instant. */
export function localDate(instant: string | Date): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const t = at.getTime();
  // Within the cached era the date is arithmetic on the offset; otherwise (or invalid) Intl's own answer.
  if (!(t >= CACHED_FROM && t < CACHED_UNTIL)) return dateFormat.format(at);
  return new Date(t + offsetMinutes(at) * 60_000).toISOString().slice(0, 10);
}

/**
 * Offsets by UTC hour: formatToParts costs microseconds, and every step with a term asks. Since
 * 1970 Bucharest has changed its offset only on whole UTC hours, so an hour has one offset.
 */
const CACHED_FROM = Date.UTC(1970, 0, 1);
const CACHED_UNTIL = Date.UTC(10000, 0, 1);
const HOUR = 3_600_000;
const offsets = new Map<number, number>();

function offsetMinutes(at: Date): number {
  const t = at.getTime();
  if (!(t >= CACHED_FROM && t < CACHED_UNTIL)) return intlOffsetMinutes(at);
  const hour = Math.floor(t / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    if (offsets.size >= 50_000) offsets.clear();
    offsets.set(hour, (offset = intlOffsetMinutes(new Date(hour * HOUR))));
  }
  return offset;
}

function intlOffsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+02:00';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** The instant a Bucharest day begins (00:00 local). */
export function startOfLocalDay(date: string): Date {
  return localInstant(date);
}

/**
 * The instant of a Bucharest wall-clock time (`msOfDay` after its midnight). A time skipped when
 * clocks go forward (03:30 on the last Sunday of March) is read with the offset before the change.
 */
export function localInstant(date: string, msOfDay = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = new Date(Date.UTC(y, m - 1, d) + msOfDay);
  const first = new Date(guess.getTime() - offsetMinutes(guess) * 60_000);
  // The offset at the local time may differ from the one at the same UTC time around DST changes.
  return new Date(guess.getTime() - offsetMinutes(first) * 60_000);
}

/** The last instant of a Bucharest day: when a term ending that day expires. */
export function endOfLocalDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return new Date(startOfLocalDay(next).getTime() - 1);
}
