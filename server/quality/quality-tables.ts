import type { Lang } from '../../forms/index.ts';
import type { QualityFigures, QualityLine } from './figures.ts';

/**
 * The dashboard's tables as headings and rows of plain values: the page draws them, and CSV and
 * XLSX export the very same rows, so an export never says something the page does not.
 */
export interface QualityTable {
  name: TableName;
  caption: string;
  headings: string[];
  rows: Array<Array<string | number | null>>;
}

export const TABLE_NAMES = ['proceduri', 'restante', 'sosiri', 'evaluari', 'personal'] as const;
export type TableName = typeof TABLE_NAMES[number];

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** Names for procedure keys and department codes (their titles), in the reader's language. */
export interface Names { procedure(key: string): string; department(code: string): string }

export function qualityTables(f: QualityFigures, names: Names, lang: Lang): QualityTable[] {
  const ro = lang === 'ro';
  const lineRow = (l: QualityLine, total = false) => [
    total ? (ro ? 'Total' : 'Total') : names.procedure(l.procedureKey), total ? '' : names.department(l.department),
    l.received, l.resolved, l.open, l.overdue, pct(l.inTermShare), pct(l.inTargetShare), l.medianDays, l.p90Days,
    l.refused, l.suspensions, l.extensions, l.tacitApprovals,
  ];
  const tables: QualityTable[] = [
    {
      name: 'proceduri',
      caption: ro ? 'Pe proceduri și compartimente' : 'By procedure and department',
      headings: ro
        ? ['Procedură', 'Compartiment', 'Primite', 'Soluționate', 'Deschise acum', 'Depășite acum', 'În termen legal (%)', 'În ținta internă (%)', 'Durată mediană (zile lucrătoare)', 'Durată P90 (zile lucrătoare)', 'Respinse', 'Suspendări', 'Prelungiri', 'Aprobări tacite']
        : ['Procedure', 'Department', 'Received', 'Resolved', 'Open now', 'Overdue now', 'Within legal term (%)', 'Within internal target (%)', 'Median duration (working days)', 'P90 duration (working days)', 'Refused', 'Suspensions', 'Extensions', 'Tacit approvals'],
      rows: [...f.lines.map((l) => lineRow(l)), ...(f.lines.length > 1 ? [lineRow(f.total, true)] : [])],
    },
    {
      name: 'restante',
      caption: ro ? 'Cereri deschise la sfârșitul fiecărei zile' : 'Open requests at the end of each day',
      headings: ro ? ['Ziua', 'Deschise'] : ['Day', 'Open'],
      rows: f.backlog.map((b) => [b.day, b.open]),
    },
    {
      name: 'sosiri',
      caption: ro ? 'Cereri primite pe săptămână' : 'Requests received per week',
      headings: ro ? ['Săptămâna (luni)', 'Primite'] : ['Week (Monday)', 'Received'],
      rows: f.arrivals.map((a) => [a.week, a.received]),
    },
  ];
  tables.push({
    name: 'evaluari',
    caption: ro ? 'Satisfacția cetățenilor (evaluări date în perioadă)' : 'Citizen satisfaction (ratings given in the period)',
    headings: ro
      ? ['Procedură', 'Compartiment', 'Evaluări', 'Nota medie (1-5)', 'Nota 1', 'Nota 2', 'Nota 3', 'Nota 4', 'Nota 5']
      : ['Procedure', 'Department', 'Ratings', 'Average score (1-5)', 'Score 1', 'Score 2', 'Score 3', 'Score 4', 'Score 5'],
    rows: f.ratings.map((r) => [names.procedure(r.procedureKey), names.department(r.department), r.count, Math.round(r.average * 100) / 100, ...r.byScore]),
  });
  if (f.workload.length > 0) {
    tables.push({
      name: 'personal',
      caption: ro ? 'Volumul de lucru pe funcționar' : 'Workload per clerk',
      headings: ro ? ['Compartiment', 'Funcționar', 'Sarcini deschise', 'Sarcini depășite', 'Cereri soluționate în perioadă'] : ['Department', 'Clerk', 'Open tasks', 'Overdue tasks', 'Requests resolved in the period'],
      rows: f.workload.map((w) => [names.department(w.department), w.name, w.open, w.overdue, w.resolved]),
    });
  }
  return tables;
}

/** RFC 4180 CSV with a BOM, so spreadsheet programs read the diacritics. */
export function toCsv(table: QualityTable): string {
  const cell = (v: string | number | null) => {
    const text = v === null ? '' : String(v);
    // A leading =, +, - or @ would be a formula in a spreadsheet: quoted with a leading apostrophe.
    const safe = /^[=+\-@]/.test(text) && typeof v === 'string' ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${[table.headings, ...table.rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(table: QualityTable): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const data = [table.headings.map((h) => ({ value: h, fontWeight: 'bold' as const })), ...table.rows.map((r) => r.map((v) => (v === null ? null : v)))];
  return writeXlsxFile(data, { sheet: table.name }).toBuffer();
}
