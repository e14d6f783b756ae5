import { DOCUMENT_KINDS, type DocumentKind } from '../archive-store.ts';
import { type CsvRecord } from './csv.ts';

/**
 * The metadata CSV of an import (documented in ./README.md): one row per file, the dossier's
 * columns repeated on every row of its documents. Column names are matched without regard to case;
 * unknown columns are ignored, so a clerk's spreadsheet may keep its own notes.
 */
export const COLUMNS = ['register_number', 'register_date', 'year', 'nomenclator_code', 'retention', 'department', 'dossier_title', 'parties', 'public', 'document_kind', 'document_title', 'file'] as const;
const REQUIRED = ['register_number', 'register_date', 'nomenclator_code', 'retention', 'department', 'dossier_title', 'file'] as const;

/** A CSV's kind of document is matched to the archive's without diacritics or case; anything else is `altul`. */
export type ArchiveDocumentKind = DocumentKind;

export interface DossierMeta {
  registerNumber: string;
  registerDate: string; // YYYY-MM-DD
  year: number;
  nomenclatorCode: string;
  /** Years to keep (Legea 16/1996), or null for permanent. */
  retentionYears: number | null;
  department: string;
  title: string;
  parties: string[];
  isPublic: boolean;
}

export interface ManifestRow {
  line: number;
  file: string;
  dossier: DossierMeta;
  documentKind: ArchiveDocumentKind;
  documentTitle: string;
}

export interface RowProblem {
  line: number;
  file: string | null;
  reason: 'row-invalid' | 'register-conflict' | 'file-listed-twice';
  message: string;
}

export class ManifestError extends Error {}

export function readManifest(records: CsvRecord[]): { rows: ManifestRow[]; problems: RowProblem[] } {
  const [header, ...body] = records;
  if (!header) throw new ManifestError('the CSV is empty: it needs a header line and one line per file');
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const missing = REQUIRED.filter((r) => !names.includes(r));
  if (missing.length > 0) throw new ManifestError(`the CSV header lacks ${missing.join(', ')}; the columns are ${COLUMNS.join(',')}`);
  const rows: ManifestRow[] = [];
  const problems: RowProblem[] = [];
  for (const record of body) {
    const get = (name: (typeof COLUMNS)[number]) => (record.cells[names.indexOf(name)] ?? '').trim();
    // A value holding the separator without quotes shifts every column after it: no cell can be trusted.
    const extra = record.cells.slice(names.length);
    if (extra.some((c) => c.trim() !== '')) {
      problems.push({ line: record.line, file: null, reason: 'row-invalid', message: `the line has ${names.length + extra.length} values but the header ${names.length} columns (put a value holding the separator in double quotes)` });
      continue;
    }
    const file = get('file') || null;
    try {
      rows.push(parseRow(record.line, get));
    } catch (err) {
      problems.push({ line: record.line, file, reason: 'row-invalid', message: (err as Error).message });
    }
  }
  return dropConflicts(rows, problems);
}

function parseRow(line: number, get: (name: (typeof COLUMNS)[number]) => string): ManifestRow {
  const file = get('file');
  if (!file) throw new Error('no file named in the "file" column');
  const registerNumber = get('register_number');
  if (!registerNumber) throw new Error('register_number is empty');
  const registerDate = parseDate(get('register_date'));
  const yearText = get('year');
  const year = yearText ? Number(yearText) : Number(registerDate.slice(0, 4));
  if (!Number.isInteger(year) || year < 1800 || year > 2200) throw new Error(`year "${yearText}" is not a year`);
  const title = get('dossier_title');
  const nomenclatorCode = get('nomenclator_code');
  const department = get('department');
  for (const [name, value] of [['dossier_title', title], ['nomenclator_code', nomenclatorCode], ['department', department]] as const) {
    if (!value) throw new Error(`${name} is empty`);
  }
  return {
    line,
    file,
    dossier: {
      registerNumber,
      registerDate,
      year,
      nomenclatorCode,
      retentionYears: parseRetention(get('retention')),
      department,
      title,
      parties: get('parties').split(';').map((p) => p.trim()).filter(Boolean),
      isPublic: parseFlag(get('public')),
    },
    documentKind: parseKind(get('document_kind')),
    documentTitle: get('document_title') || file.split('/').pop()!,
  };
}

/** ISO dates, or the Romanian day.month.year that registers are written in. */
function parseDate(text: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ro = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : ro ? [ro[3], ro[2]!.padStart(2, '0'), ro[1]!.padStart(2, '0')] : [];
  const date = y ? new Date(`${y}-${m}-${d}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${m}-${d}`) {
    throw new Error(`register_date "${text}" is not a date (YYYY-MM-DD or DD.MM.YYYY)`);
  }
  return `${y}-${m}-${d}`;
}

function parseRetention(text: string): number | null {
  if (text === '') throw new Error('retention is empty: a number of years or "permanent" (Legea 16/1996)');
  if (/^(p|permanent)$/i.test(text)) return null;
  const years = Number(text.replace(/\s*(ani|years?)$/i, ''));
  if (!Number.isInteger(years) || years < 1 || years > 100) throw new Error(`retention "${text}" is neither a number of years nor "permanent"`);
  return years;
}

function parseKind(text: string): ArchiveDocumentKind {
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return DOCUMENT_KINDS.find((k) => k === folded) ?? 'altul';
}

function parseFlag(text: string): boolean {
  if (/^(|0|nu|no|false)$/i.test(text)) return false;
  if (/^(1|da|yes|true)$/i.test(text)) return true;
  throw new Error(`public "${text}" is neither da/nu nor yes/no`);
}

/**
 * Rows of one register number (and year) are one dossier: its columns must agree on every row,
 * else which row is right cannot be told and every row of that dossier is refused. A file named
 * twice is imported once.
 */
function dropConflicts(rows: ManifestRow[], problems: RowProblem[]): { rows: ManifestRow[]; problems: RowProblem[] } {
  const byDossier = new Map<string, ManifestRow[]>();
  for (const row of rows) {
    const key = dossierKey(row.dossier);
    byDossier.set(key, [...(byDossier.get(key) ?? []), row]);
  }
  const kept: ManifestRow[] = [];
  const files = new Set<string>();
  for (const group of byDossier.values()) {
    const first = JSON.stringify(group[0]!.dossier);
    const conflict = group.find((r) => JSON.stringify(r.dossier) !== first);
    for (const row of group) {
      if (conflict) {
        problems.push({ line: row.line, file: row.file, reason: 'register-conflict', message: `register number ${row.dossier.registerNumber} (${row.dossier.year}) has different dossier data on lines ${group.map((r) => r.line).join(', ')}` });
      } else if (files.has(normalName(row.file))) {
        problems.push({ line: row.line, file: row.file, reason: 'file-listed-twice', message: `${row.file} is already named on an earlier line` });
      } else {
        files.add(normalName(row.file));
        kept.push(row);
      }
    }
  }
  kept.sort((a, b) => a.line - b.line);
  problems.sort((a, b) => a.line - b.line);
  return { rows: kept, problems };
}

function dossierKey(d: DossierMeta): string {
  return `${d.year}\u0000${d.registerNumber}`;
}

export function normalName(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '').normalize('NFC');
}
