import { addDays, formatDate } from './dates.ts';

/**
 * Public holidays of Codul muncii (Legea 53/2003) art. 139 alin. (1), each with the year it
 * became a holiday and the act that added it; moving feasts follow the Orthodox Easter.
 */
export interface Holiday {
  date: string;
  name: string;
  nameEn: string;
  source: string;
}

interface Rule {
  name: string;
  nameEn: string;
  since: number;
  source: string;
  /** Fixed date (month, day) or offset in days from Orthodox Easter Sunday. */
  fixed?: [number, number];
  easterOffset?: number;
}

const CODE = 'Codul muncii art. 139';

const RULES: Rule[] = [
  { name: 'Anul Nou', nameEn: "New Year's Day", since: 1990, source: CODE, fixed: [1, 1] },
  { name: 'A doua zi de Anul Nou', nameEn: "Day after New Year's Day", since: 1990, source: CODE, fixed: [1, 2] },
  { name: 'Bobotează', nameEn: 'Epiphany', since: 2024, source: `${CODE} (Legea 17/2024)`, fixed: [1, 6] },
  { name: 'Sfântul Ioan Botezătorul', nameEn: 'Saint John the Baptist', since: 2024, source: `${CODE} (Legea 17/2024)`, fixed: [1, 7] },
  { name: 'Ziua Unirii Principatelor Române', nameEn: 'Union Day', since: 2017, source: `${CODE} (Legea 171/2016)`, fixed: [1, 24] },
  { name: 'Vinerea Mare', nameEn: 'Orthodox Good Friday', since: 2018, source: `${CODE} (Legea 64/2018)`, easterOffset: -2 },
  { name: 'Paștele', nameEn: 'Orthodox Easter Sunday', since: 1990, source: CODE, easterOffset: 0 },
  { name: 'A doua zi de Paște', nameEn: 'Orthodox Easter Monday', since: 1990, source: CODE, easterOffset: 1 },
  { name: 'Ziua Muncii', nameEn: 'Labour Day', since: 1990, source: CODE, fixed: [5, 1] },
  { name: 'Ziua Copilului', nameEn: "Children's Day", since: 2017, source: `${CODE} (Legea 220/2016)`, fixed: [6, 1] },
  { name: 'Rusaliile', nameEn: 'Orthodox Pentecost', since: 2009, source: `${CODE} (Legea 202/2008)`, easterOffset: 49 },
  { name: 'A doua zi de Rusalii', nameEn: 'Orthodox Whit Monday', since: 2009, source: `${CODE} (Legea 202/2008)`, easterOffset: 50 },
  { name: 'Adormirea Maicii Domnului', nameEn: 'Dormition of the Mother of God', since: 2009, source: `${CODE} (Legea 202/2008)`, fixed: [8, 15] },
  { name: 'Sfântul Andrei', nameEn: 'Saint Andrew', since: 2012, source: `${CODE} (Legea 147/2012)`, fixed: [11, 30] },
  { name: 'Ziua Națională a României', nameEn: 'National Day', since: 1990, source: CODE, fixed: [12, 1] },
  { name: 'Crăciunul', nameEn: 'Christmas Day', since: 1990, source: CODE, fixed: [12, 25] },
  { name: 'A doua zi de Crăciun', nameEn: 'Second day of Christmas', since: 1990, source: CODE, fixed: [12, 26] },
];

/**
 * Orthodox Easter Sunday: the Julian computus (Meeus), moved to the Gregorian calendar by the
 * difference between the two calendars in that century (13 days in 1900-2099, 14 in 2100).
 */
export function orthodoxEaster(year: number): Date {
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  const gregorianShift = Math.floor(year / 100) - Math.floor(year / 400) - 2;
  return new Date(Date.UTC(year, month - 1, day + gregorianShift));
}

const cache = new Map<number, Holiday[]>();

export function holidaysOf(year: number): Holiday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = orthodoxEaster(year);
  const list = RULES.filter((r) => year >= r.since)
    .map((r) => ({
      date: r.fixed ? formatDate(new Date(Date.UTC(year, r.fixed[0] - 1, r.fixed[1]))) : formatDate(addDays(easter, r.easterOffset!)),
      name: r.name,
      nameEn: r.nameEn,
      source: r.source,
    }))
    .sort((x, y) => x.date.localeCompare(y.date));
  cache.set(year, list);
  return list;
}
