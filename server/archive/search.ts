import { AppError, type Database } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import { DOCUMENT_KINDS, type DocumentKind } from './archive-store.ts';
import { logAccess } from './access-log-store.ts';
import { MARK_END, MARK_START, PAGE_SIZE, searchPages, similarWords, type Scope, type SearchFilters, type SearchRows } from './search-store.ts';

/**
 * Search of the archive for clerks: Romanian full text over every page (stemmed, diacritics and
 * ş/ș ţ/ț forms folded), each query word widened to the words of the archive that look like it
 * (misspellings, OCR errors), with filters, facets, and a highlighted snippet naming its page.
 * Clerks see the dossiers of their departments and the public ones, admins every one; nobody else
 * searches. Every search is written to the access log.
 */
export interface SearchInput {
  q: string;
  filters: SearchFilters;
  page: number;
}

export interface SearchHit {
  documentId: string;
  dossierId: string;
  registerNumber: string;
  registerDate: string;
  year: number;
  department: string;
  kind: DocumentKind;
  title: string;
  dossierTitle: string;
  parties: string[];
  page: number;
  rank: number;
  /** HTML: the text escaped, matched words in <mark>. */
  snippetHtml: string;
}

export interface SearchAnswer {
  q: string;
  /** Each query word as searched: itself and the similar words it was widened to. */
  terms: string[][];
  total: number;
  /** More pages matched than were ranked (see search-store.ts); `total` counts those ranked. */
  capped: boolean;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: SearchRows['facets'];
}

const MAX_WORDS = 8;

export function scopeOf(user: User): Scope {
  if (user.role === 'admin') return { all: true };
  if (user.role === 'clerk') return { all: false, departments: user.departments };
  throw new AppError('forbidden', { ro: 'Arhiva este deschisă doar funcționarilor și administratorilor.', en: 'The archive is open to clerks and administrators only.' });
}

/** Lower case, without diacritics (cedilla and comma forms alike), as archive_fold does in SQL. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The query's words, folded, letters and digits only; at most eight. */
export function queryWords(q: string): string[] {
  return [...new Set(foldText(q).match(/[a-z0-9]+/g) ?? [])].filter((w) => w.length >= 2).slice(0, MAX_WORDS);
}

/** Reads search parameters from a query string (API and page alike). */
export function readSearchInput(query: Record<string, unknown>): SearchInput {
  const text = (name: string, max: number): string | undefined => {
    const v = query[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string' || v.length > max) throw new AppError('bad-input', { ro: `Parametrul „${name}” nu este valid.`, en: `Parameter "${name}" is not valid.` });
    return v.trim() || undefined;
  };
  const int = (name: string, min: number, max: number): number | undefined => {
    const v = text(name, 10);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new AppError('bad-input', { ro: `„${name}” trebuie să fie un număr între ${min} și ${max}.`, en: `"${name}" must be a number from ${min} to ${max}.` });
    return n;
  };
  const kind = text('kind', 20);
  if (kind !== undefined && !DOCUMENT_KINDS.includes(kind as DocumentKind)) throw new AppError('bad-input', { ro: `Tipul de document „${kind}” nu există.`, en: `Document kind "${kind}" does not exist.` });
  const filters: SearchFilters = {};
  const year = int('year', 1800, 2200);
  if (year !== undefined) filters.year = year;
  const registerNumber = text('registerNumber', 60);
  if (registerNumber) filters.registerNumber = registerNumber;
  if (kind) filters.kind = kind as DocumentKind;
  const department = text('department', 60);
  if (department) filters.department = department;
  const party = text('party', 200);
  if (party) filters.party = party;
  return { q: text('q', 500) ?? '', filters, page: int('page', 1, 500) ?? 1 };
}

export function hasCriteria(input: SearchInput): boolean {
  return queryWords(input.q).length > 0 || Object.keys(input.filters).length > 0;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** ts_headline's text with its markers: escaped first, then the markers become <mark>. */
export function snippetHtml(snippet: string): string {
  return escapeHtml(snippet.replace(/[\u0000-\u0001\u0004-\u0008\u000b\u000c\u000e-\u001f]/g, ''))
    .replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>')
    .replace(/\s+/g, ' ').trim();
}

export async function searchArchive(db: Database, user: User, input: SearchInput, now: Date): Promise<SearchAnswer> {
  const scope = scopeOf(user);
  if (!hasCriteria(input)) throw new AppError('bad-input', { ro: 'Scrieți ce căutați sau alegeți un filtru.', en: 'Type what you are looking for or choose a filter.' });
  const { terms, rows } = await db.transaction(async (tx) => {
    // The connection plans for any value (the engine's statements want that); a search is planned
    // for its own words and filters instead: a generic plan read two to three times as much.
    await tx.query('set local plan_cache_mode = auto');
    const terms = await similarWords(tx, queryWords(input.q));
    // Each word as itself or any word like it; all words must be there.
    const tsquery = terms.length === 0 ? null : terms.map((alts) => `(${alts.join(' | ')})`).join(' & ');
    const rows = await searchPages(tx, { tsquery, scope, filters: input.filters, offset: (input.page - 1) * PAGE_SIZE });
    await logAccess(tx, { userId: user.id, at: now, action: 'search', query: JSON.stringify({ q: input.q, ...input.filters }) });
    return { terms, rows };
  });
  const hits = rows.hits.map((h): SearchHit => ({
    documentId: h.document_id, dossierId: h.dossier_id, registerNumber: h.register_number, registerDate: h.register_date, year: h.year,
    department: h.department, kind: h.kind, title: h.title, dossierTitle: h.dossier_title, parties: h.parties, page: h.page, rank: Number(h.rank), snippetHtml: snippetHtml(h.snippet),
  })).sort((a, b) => b.rank - a.rank || b.year - a.year || (a.documentId < b.documentId ? -1 : 1));
  return { q: input.q, terms, total: rows.total, capped: rows.capped, page: input.page, pageSize: PAGE_SIZE, hits, facets: rows.facets };
}
