import type { Database } from '../../engine/index.ts';
import type { DocumentKind } from './archive-store.ts';

/**
 * The archive's search statements. A search reads archive_pages only (filters are copied there) up
 * to CANDIDATES matching pages, then ranks, counts facets and groups per document among those; the
 * 20 documents shown are then joined to their rows and given a highlighted snippet. A word found in
 * more pages than that is ranked among the first CANDIDATES found (`capped`), which keeps a search
 * inside its time budget however common the word.
 */
const CANDIDATES = 1000;
export const PAGE_SIZE = 20;

/** Who may see what: every dossier, or those of these departments and the public ones. */
export type Scope = { all: true } | { all: false; departments: string[] };

export interface SearchFilters {
  year?: number;
  registerNumber?: string;
  kind?: DocumentKind;
  department?: string;
  /** A party's name, matched by word similarity on folded names (misspellings too). */
  party?: string;
}

export interface HitRow {
  document_id: string; page: number; rank: number; dossier_id: string; register_number: string; register_date: string;
  year: number; department: string; kind: DocumentKind; title: string; dossier_title: string; parties: string[]; snippet: string;
}

export interface SearchRows {
  total: number;
  capped: boolean;
  hits: HitRow[];
  facets: { year: Array<{ value: number; count: number }>; kind: Array<{ value: string; count: number }>; department: Array<{ value: string; count: number }> };
}

/** Markers around a highlighted word in a snippet; never in stored text (HTML is escaped around them). */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/**
 * For each folded query word, itself and up to four words of the words list that look like it
 * (trigram similarity ≥ 0.45): a misspelt query or an OCR-mangled text still meet.
 */
export const SIMILAR_WORDS_SQL = `select t.term, array(select w.word from archive_words w where w.word % t.term and similarity(w.word, t.term) >= 0.45
    order by similarity(w.word, t.term) desc, w.word limit 4) as similar
  from unnest($1::text[]) with ordinality as t(term, n) order by t.n`;

export async function similarWords(db: Database, words: string[]): Promise<string[][]> {
  if (words.length === 0) return [];
  const rows = await db.query<{ term: string; similar: string[] }>(SIMILAR_WORDS_SQL, [words]);
  return rows.map((r) => [r.term, ...r.similar.filter((w) => w !== r.term)]);
}

export interface SearchQuery { tsquery: string | null; scope: Scope; filters: SearchFilters; offset: number }

export async function searchPages(db: Database, input: SearchQuery): Promise<SearchRows> {
  const { text, params } = searchSql(input);
  const rows = await db.query<{ part: string; data: unknown }>(text, params);
  const part = (name: string) => rows.filter((r) => r.part === name).map((r) => r.data);
  return {
    total: Number(part('total')[0] ?? 0),
    capped: Number(part('candidates')[0] ?? 0) >= CANDIDATES,
    hits: part('hit') as HitRow[],
    facets: { year: part('year')[0] as SearchRows['facets']['year'], kind: part('kind')[0] as SearchRows['facets']['kind'], department: part('department')[0] as SearchRows['facets']['department'] },
  };
}

/** The one statement of a search (exported for the bench's EXPLAIN). */
export function searchSql(input: SearchQuery): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  // Filters and scope are lexemes of the page's vector (migration 20261205100100): one GIN lookup.
  const lexeme = (prefix: string, value: string | number) => `'§${prefix}${String(value).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  const filters: string[] = [];
  if (!input.scope.all) filters.push(`(${[`'§public'`, ...input.scope.departments.map((d) => lexeme('d', d))].join(' | ')})`);
  const f = input.filters;
  if (f.year !== undefined) filters.push(lexeme('y', f.year));
  if (f.kind) filters.push(lexeme('k', f.kind));
  if (f.department) filters.push(lexeme('d', f.department));
  const filterQuery = filters.length > 0 ? `${p(filters.join(' & '))}::tsquery` : null;
  const words = input.tsquery === null ? null : `to_tsquery('archive_ro', ${p(input.tsquery)})`;
  const query = words && filterQuery ? `${words} && ${filterQuery}` : words ?? filterQuery ?? 'null::tsquery';
  // Through q, not written out: seeing a common word's count, the planner would read pages in order
  // until 1,000 match (a sequential scan at 500,000 documents) instead of taking them from the index.
  if (words || filterQuery) where.push('pg.tsv @@ q.query');
  if (!words) where.push('pg.page = 1');
  if (f.registerNumber) where.push(`pg.dossier_id in (select id from archive_dossiers where register_number = ${p(f.registerNumber)}::text)`);
  // The dossiers of a party drive the search (few, found by the names' trigram index): planned the
  // other way round, a common year or word filter was read first and every dossier checked by name.
  // Their year, kind and department are checked on the rows before any page's vector is read.
  const pages = f.party
    ? `(select id from archive_dossiers where archive_fold(${p(f.party)}::text) <% parties_fold${f.year !== undefined ? ` and year = ${p(f.year)}::int` : ''} offset 0) party join archive_pages pg on pg.dossier_id = party.id`
    : 'archive_pages pg';
  if (f.party && f.kind) where.push(`pg.kind = ${p(f.kind)}::text`);
  if (f.party && f.department) where.push(`pg.department = ${p(f.department)}::text`);
  const offset = p(input.offset);
  const text = `with q as (select ${query} as query, ${words ?? 'null::tsquery'} as words),
     hits as materialized (
       select pg.document_id, pg.page, pg.year, pg.kind, pg.department,
         ${input.tsquery === null ? '0::real' : 'ts_rank_cd(pg.tsv, q.words)'} as rank
       from ${pages}, q where ${where.length > 0 ? where.join(' and ') : 'true'} limit ${CANDIDATES}
     ),
     docs as (select distinct on (document_id) * from hits order by document_id, rank desc, page),
     shown as (select * from docs order by rank desc, year desc, document_id limit ${PAGE_SIZE} offset ${offset}::int)
     select 'total' as part, to_jsonb(count(*)) as data from docs
     union all select 'candidates', to_jsonb(count(*)) from hits
     union all select 'year', coalesce(jsonb_agg(jsonb_build_object('value', year, 'count', n) order by year desc), '[]') from (select year, count(*) n from docs group by year) y
     union all select 'kind', coalesce(jsonb_agg(jsonb_build_object('value', kind, 'count', n) order by n desc, kind), '[]') from (select kind, count(*) n from docs group by kind) k
     union all select 'department', coalesce(jsonb_agg(jsonb_build_object('value', department, 'count', n) order by n desc, department), '[]') from (select department, count(*) n from docs group by department) d
     union all select 'hit', to_jsonb(h) from (
       select s.document_id, s.page, s.rank, d.dossier_id, o.register_number, o.register_date::text as register_date, o.year, o.department,
         d.kind, d.title, o.title as dossier_title, o.parties,
         ${input.tsquery === null ? 'left(pg.body, 240)' : `ts_headline('archive_ro', pg.body, q.words, 'StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "')`} as snippet
       from shown s join archive_pages pg on pg.document_id = s.document_id and pg.page = s.page
       join archive_documents d on d.id = s.document_id join archive_dossiers o on o.id = d.dossier_id, q
       order by s.rank desc, s.year desc, s.document_id
     ) h`;
  return { text, params };
}
