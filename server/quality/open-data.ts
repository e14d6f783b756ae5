import { localDate, type Database } from '../../engine/index.ts';
import { periodTotals } from './dashboard-store.ts';
import { percentile } from './figures.ts';

/**
 * Open data (issue #18): monthly figures per procedure and the yearly Legea 544/2001 report, both
 * read from `quality_daily` only. That table names no person and no request, so nothing here can
 * carry personal data. Only months (and years) that have ended are published, so a figure never
 * changes after it is out.
 */

/** One line of the monthly dataset: a procedure in a month, every department together. */
export interface MonthlyRow {
  /** YYYY-MM (Bucharest). */
  luna: string;
  procedura: string;
  denumire: string;
  primite: number;
  solutionate: number;
  solutionate_in_termen: number;
  /** Share of the resolved answered within the legal term, 0-1 with 4 decimals; null when none was resolved. */
  pondere_in_termen: number | null;
  /** Median duration of the resolved, in working days (60 means 60 or more); null when none was resolved. */
  mediana_zile_lucratoare: number | null;
}

const MONTHLY_COLUMNS: Array<keyof MonthlyRow> = ['luna', 'procedura', 'denumire', 'primite', 'solutionate', 'solutionate_in_termen', 'pondere_in_termen', 'mediana_zile_lucratoare'];

/** The first day of the current month (Bucharest): everything before it is a complete month. */
export function firstOfMonth(now: Date): string {
  return `${localDate(now).slice(0, 7)}-01`;
}

/** Every complete month with data, per procedure, oldest first; `title` names a procedure key. */
export async function monthlyRows(db: Database, now: Date, title: (key: string) => string): Promise<MonthlyRow[]> {
  const rows = await db.query<{ month: string; procedure_key: string; received: number; resolved: number; in_term: number; hist: number[] | null }>(
    `with t as (
       select to_char(day, 'YYYY-MM') as month, procedure_key, sum(received)::int as received, sum(resolved)::int as resolved, sum(resolved_in_term)::int as in_term
       from quality_daily where day < $1::date group by 1, 2),
     h as (
       select month, procedure_key, array_agg(n order by b) as hist from (
         select to_char(day, 'YYYY-MM') as month, procedure_key, u.b, sum(u.n)::int as n
         from quality_daily, unnest(duration_hist) with ordinality as u(n, b)
         where day < $1::date group by 1, 2, 3) x group by 1, 2)
     select t.*, h.hist from t left join h using (month, procedure_key) order by t.month, t.procedure_key`, [firstOfMonth(now)]);
  return rows.map((r) => ({
    luna: r.month, procedura: r.procedure_key, denumire: title(r.procedure_key), primite: r.received, solutionate: r.resolved, solutionate_in_termen: r.in_term,
    pondere_in_termen: r.resolved ? Math.round((r.in_term / r.resolved) * 10_000) / 10_000 : null,
    mediana_zile_lucratoare: percentile(r.hist ?? [], 0.5),
  }));
}

/** The span of the published months (for dct:temporal and dct:modified), null when there are none. */
export async function publishedSpan(db: Database, now: Date): Promise<{ from: string; to: string } | null> {
  const [row] = await db.query<{ first: string | null; last: string | null }>(
    "select to_char(min(day), 'YYYY-MM-DD') as first, to_char(max(day), 'YYYY-MM-DD') as last from quality_daily where day < $1::date", [firstOfMonth(now)]);
  if (!row?.first || !row.last) return null;
  const end = new Date(Date.parse(`${row.last.slice(0, 7)}-01T00:00:00Z`));
  end.setUTCMonth(end.getUTCMonth() + 1);
  return { from: `${row.first.slice(0, 7)}-01`, to: new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10) };
}

/** CSV of the rows (UTF-8 with BOM for spreadsheets, CRLF, RFC 4180 quoting). */
export function monthlyCsv(rows: MonthlyRow[]): string {
  const cell = (v: string | number | null) => {
    const text = v === null ? '' : String(v);
    // A leading =, +, - or @ would be a formula in a spreadsheet.
    const safe = typeof v === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${[MONTHLY_COLUMNS.join(','), ...rows.map((r) => MONTHLY_COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`;
}

/** The procedure whose requests are those of Legea 544/2001 (free access to public information). */
const PUBLIC_INFORMATION = 'informatii-publice';

/**
 * The Legea 544/2001 yearly report (art. 27) as far as the aggregates allow. `figures` is null when
 * the year has no data; what the aggregates cannot tell is listed in `notComputed` (the page says so).
 */
export interface Report544 {
  year: number;
  from: string;
  to: string;
  /** False for the current year: it covers the days up to the end of the last complete month. */
  complete: boolean;
  figures: { received: number; answered: number; answeredInTerm: number; refused: number; complaints: number; extended: number } | null;
  notComputed: string[];
}

/** Art. 27 items the daily aggregates do not hold, named for the page and the JSON. */
const NOT_COMPUTED = ['requests-by-channel', 'requests-by-domain', 'refusal-reasons', 'forwarded-to-other-institutions', 'complaints-outcome', 'court-cases', 'costs'];

/** The report of `year`; undefined for a year not yet begun (or before any month ended). */
export async function report544(db: Database, year: number, now: Date): Promise<Report544 | undefined> {
  const firstOpen = firstOfMonth(now);
  const from = `${year}-01-01`;
  if (from >= firstOpen) return undefined;
  const lastOfYear = `${year}-12-31`;
  const dayBefore = new Date(Date.parse(`${firstOpen}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const to = lastOfYear < firstOpen ? lastOfYear : dayBefore;
  const totals = (await periodTotals(db, from, to, null)).filter((t) => t.procedureKey === PUBLIC_INFORMATION);
  const sum = (pick: (t: typeof totals[number]) => number) => totals.reduce((a, t) => a + pick(t), 0);
  const figures = totals.length === 0 ? null : {
    received: sum((t) => t.received), answered: sum((t) => t.resolved), answeredInTerm: sum((t) => t.resolvedInTerm),
    refused: sum((t) => t.refused), complaints: sum((t) => t.complaints), extended: sum((t) => t.extensions),
  };
  return { year, from, to, complete: to === lastOfYear, figures, notComputed: NOT_COMPUTED };
}
