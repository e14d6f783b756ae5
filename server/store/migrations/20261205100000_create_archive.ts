import type { Knex } from 'knex';

/**
 * The archive: retro-digitised dossiers (Legea 16/1996: register number and date, nomenclator code,
 * retention term) and their documents, with each page's text indexed for Romanian full-text search
 * and names, titles and the words seen in the text indexed by trigrams for misspelt queries and OCR
 * errors.
 *
 * The extensions live in `public` (one copy per database; test suites migrate many schemas at once,
 * so their creation is serialised by a transaction-level advisory lock). What depends on them — the
 * folding function and the text search configuration — lives in the migrating schema. PGlite loads
 * both extensions from its contrib (engine/store/database.ts, test/support/database.ts).
 *
 * `unaccent` maps both the cedilla (ş ţ) and the comma-below (ș ț) letters to s and t (checked on
 * PostgreSQL 16 and PGlite; test/server/archive/archive-search.test.ts keeps it so).
 */
const EXTENSION_LOCK = 7_170_117_017;

const STATEMENTS = [
  `select pg_advisory_xact_lock(${EXTENSION_LOCK})`,
  'create extension if not exists unaccent with schema public',
  'create extension if not exists pg_trgm with schema public',
  // Immutable (unaccent() is only stable) so it may be used in indexes and generated columns.
  `create function archive_fold(text) returns text language sql immutable strict parallel safe
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`,
  'create text search configuration archive_ro (copy = pg_catalog.romanian)',
  `alter text search configuration archive_ro alter mapping for hword, hword_part, word
    with public.unaccent, romanian_stem`,
  `create table archive_dossiers (
    id uuid primary key,
    register_number text not null check (length(register_number) between 1 and 60),
    register_date date not null,
    year integer not null check (year between 1800 and 2200),
    nomenclator_code text not null check (length(nomenclator_code) between 1 and 40),
    retention_years integer check (retention_years between 1 and 200),
    department text not null check (length(department) between 1 and 60),
    title text not null check (length(title) between 1 and 500),
    parties text[] not null default '{}',
    names_fold text not null,
    status text not null default 'closed' check (status in ('open', 'closed')),
    public boolean not null default false,
    source_request_id uuid unique references requests (id) on delete set null,
    created_at timestamptz not null,
    unique (year, register_number)
  )`,
  'create index archive_dossiers_names on archive_dossiers using gin (names_fold public.gin_trgm_ops)',
  'create index archive_dossiers_department on archive_dossiers (department, year)',
  'create index archive_dossiers_register on archive_dossiers (register_number)',
  `create table archive_documents (
    id uuid primary key,
    dossier_id uuid not null references archive_dossiers (id),
    kind text not null check (kind in ('cerere', 'autorizatie', 'certificat', 'hotarare', 'adeverinta', 'raspuns', 'altul')),
    title text not null check (length(title) between 1 and 500),
    title_fold text not null,
    media_type text not null,
    file_name text not null check (length(file_name) between 1 and 255),
    bytes bigint not null check (bytes >= 0),
    page_count integer not null check (page_count >= 0),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    storage_key text check (storage_key ~ '^[0-9a-f]{2}/[0-9a-f]{64}$'),
    text_source text not null check (text_source in ('pdf', 'ocr', 'none')),
    import_key text unique,
    created_at timestamptz not null,
    unique (dossier_id, sha256)
  )`,
  'create index archive_documents_title on archive_documents using gin (title_fold public.gin_trgm_ops)',
  // A page's text with the facts searches filter on, copied from its document and dossier (which
  // never change them) so a filtered search reads one table.
  `create table archive_pages (
    document_id uuid not null references archive_documents (id) on delete cascade,
    page integer not null check (page >= 1),
    dossier_id uuid not null,
    year integer not null,
    department text not null,
    kind text not null,
    public boolean not null,
    body text not null,
    tsv tsvector not null generated always as (to_tsvector('archive_ro', body)) stored,
    primary key (document_id, page)
  )`,
  'create index archive_pages_tsv on archive_pages using gin (tsv)',
  'create index archive_pages_dossier on archive_pages (dossier_id)',
  // Every folded word seen in a page, dossier name or title: a misspelt or OCR-mangled query word
  // is matched here by trigrams and searched as the words it resembles.
  'create table archive_words (word text primary key)',
  'create index archive_words_trgm on archive_words using gin (word public.gin_trgm_ops)',
  `create table archive_access_log (
    id bigint generated always as identity primary key,
    user_id uuid not null references users (id),
    at timestamptz not null,
    action text not null check (action in ('view', 'download', 'search', 'copy')),
    dossier_id uuid references archive_dossiers (id),
    document_id uuid references archive_documents (id),
    query text,
    reason text check (length(reason) <= 500)
  )`,
  'create index archive_access_log_at on archive_access_log (at)',
  'create index archive_access_log_document on archive_access_log (document_id, at)',
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of STATEMENTS) await knex.raw(sql);
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['archive_access_log', 'archive_words', 'archive_pages', 'archive_documents', 'archive_dossiers']) await knex.raw(`drop table ${t}`);
  await knex.raw('drop text search configuration archive_ro');
  await knex.raw('drop function archive_fold(text)');
}
