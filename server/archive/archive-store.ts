import { randomUUID } from 'node:crypto';
import { AppError, type Database } from '../../engine/index.ts';

/**
 * Storage of the archive's dossiers and documents (tables archive_dossiers, archive_documents,
 * archive_pages, archive_words). Both writers — the import (server/archive/import/) and the
 * generator — go through here, inside a transaction of theirs: a document's row, its pages and its
 * words commit together or not at all. The file a row names is written before (archive-files.ts).
 */

export type DocumentKind = 'cerere' | 'autorizatie' | 'certificat' | 'hotarare' | 'adeverinta' | 'raspuns' | 'altul';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['cerere', 'autorizatie', 'certificat', 'hotarare', 'adeverinta', 'raspuns', 'altul'];
/** Where a page's text came from; `native`: born digital (a request's form, an issued document). */
export type TextSource = 'pdf' | 'ocr' | 'none' | 'native';
/** Legea 16/1996: a term in years, or kept for ever. */
export type Retention = number | 'permanent';

export interface DossierInput {
  registerNumber: string;
  /** YYYY-MM-DD; the dossier's year is this date's. */
  registerDate: string;
  nomenclatorCode: string;
  retention: Retention;
  /** A department code (historical ones need not exist in `departments`). */
  department: string;
  title: string;
  parties: string[];
  status?: 'open' | 'closed';
  public?: boolean;
  sourceRequestId?: string;
  now: Date;
}

export interface DocumentInput {
  dossierId: string;
  kind: DocumentKind;
  title: string;
  mediaType: string;
  fileName: string;
  bytes: number;
  sha256: string;
  /** From writeArchiveFile; null when no file is kept (generated corpus). */
  storageKey: string | null;
  textSource: TextSource;
  /** The import's own key of this file (e.g. its path in the folder); a re-run with the same key is idempotent. */
  importKey?: string;
  /** The text of each page, in order (empty strings for pages without text). */
  pages: string[];
  /** Default: pages.length (a scan without a text layer may have pages but no text). */
  pageCount?: number;
  now: Date;
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

const DATE = /^(\d{4})-\d{2}-\d{2}$/;

function yearOf(date: string): number {
  const m = DATE.exec(date);
  if (!m || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new AppError('bad-input', { ro: `Data de înregistrare „${date}” nu este o dată AAAA-LL-ZZ.`, en: `Register date "${date}" is not a YYYY-MM-DD date.` });
  return Number(m[1]);
}

/**
 * A dossier by its register number within its year: created, or its metadata brought up to the
 * input's (the pages' copies of department and public flag follow).
 */
export async function upsertDossier(tx: Database, d: DossierInput): Promise<{ id: string; outcome: WriteOutcome }> {
  const year = yearOf(d.registerDate);
  const retention = d.retention === 'permanent' ? null : d.retention;
  const params = [randomUUID(), d.registerNumber, d.registerDate, year, d.nomenclatorCode, retention, d.department, d.title, d.parties, d.status ?? 'closed', d.public ?? false, d.sourceRequestId ?? null, d.now];
  const [row] = await tx.query<{ id: string; inserted: boolean; changed: boolean }>(
    `with existing as (
       select id, (register_date, nomenclator_code, retention_years, department, title, parties, status, public)
         is distinct from ($3::date, $5, $6::int, $7, $8, $9::text[], $10, $11::boolean) as changed
       from archive_dossiers where year = $4::int and register_number = $2::text for update
     ), inserted as (
       insert into archive_dossiers (id, register_number, register_date, year, nomenclator_code, retention_years, department, title, parties, parties_fold, status, public, source_request_id, created_at)
       select $1::uuid, $2::text, $3::date, $4::int, $5::text, $6::int, $7::text, $8::text, $9::text[], archive_fold(array_to_string($9::text[], ' ')), $10::text, $11::boolean, $12::uuid, $13::timestamptz
       where not exists (select 1 from existing)
       on conflict (year, register_number) do nothing
       returning id
     ), updated as (
       update archive_dossiers set register_date = $3, nomenclator_code = $5, retention_years = $6, department = $7, title = $8, parties = $9,
         parties_fold = archive_fold(array_to_string($9::text[], ' ')), status = $10, public = $11
       where id = (select id from existing where changed) returning id
     )
     select coalesce((select id from inserted), (select id from existing)) as id, exists (select 1 from inserted) as inserted, exists (select 1 from updated) as changed`,
    params,
  );
  if (!row?.id) throw new AppError('conflict', { ro: `Dosarul ${d.registerNumber}/${year} a fost scris în același timp de altcineva; reîncercați.`, en: `Dossier ${d.registerNumber}/${year} was written at the same time by someone else; retry.` });
  if (row.changed) await tx.query('update archive_pages set department = $2, public = $3 where dossier_id = $1', [row.id, d.department, d.public ?? false]);
  await recordWords(tx, `${d.title} ${d.parties.join(' ')}`);
  return { id: row.id, outcome: row.inserted ? 'created' : row.changed ? 'updated' : 'unchanged' };
}

/**
 * A document with its pages. Idempotent: the same import key with the same SHA-256 (or, without an
 * import key, the same file in the same dossier) changes nothing; the same import key with another
 * file replaces the document's row and pages (the file was changed at the source).
 */
export async function insertDocument(tx: Database, d: DocumentInput): Promise<{ id: string; outcome: WriteOutcome }> {
  const [existing] = await tx.query<{ id: string; sha256: string }>(
    d.importKey
      ? 'select id, sha256 from archive_documents where import_key = $1 for update'
      : 'select id, sha256 from archive_documents where dossier_id = $1 and sha256 = $2 for update',
    d.importKey ? [d.importKey] : [d.dossierId, d.sha256],
  );
  if (existing && existing.sha256 === d.sha256) return { id: existing.id, outcome: 'unchanged' };
  const id = existing?.id ?? randomUUID();
  const values = [id, d.dossierId, d.kind, d.title, d.mediaType, d.fileName, d.bytes, d.pageCount ?? d.pages.length, d.sha256, d.storageKey, d.textSource, d.importKey ?? null, d.now];
  if (existing) {
    await tx.query('delete from archive_pages where document_id = $1', [id]);
    await tx.query(
      `update archive_documents set dossier_id = $2, kind = $3, title = $4, title_fold = archive_fold($4), media_type = $5, file_name = $6, bytes = $7,
         page_count = $8, sha256 = $9, storage_key = $10, text_source = $11 where id = $1`,
      values.slice(0, 11),
    );
  } else {
    await tx.query(
      `insert into archive_documents (id, dossier_id, kind, title, title_fold, media_type, file_name, bytes, page_count, sha256, storage_key, text_source, import_key, created_at)
       values ($1, $2, $3, $4, archive_fold($4), $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      values,
    );
  }
  if (d.pages.length > 0) {
    await tx.query(
      `insert into archive_pages (document_id, page, dossier_id, year, department, kind, public, body)
       select $1::uuid, p.n, s.id, s.year, s.department, $3::text, s.public, p.body
       from archive_dossiers s, unnest($4::text[]) with ordinality as p(body, n) where s.id = $2::uuid`,
      [id, d.dossierId, d.kind, d.pages.map(cleanText)],
    );
  }
  await recordWords(tx, `${d.title} ${d.pages.join(' ')}`);
  return { id, outcome: existing ? 'updated' : 'created' };
}

/** PostgreSQL text holds no NUL; extracted text sometimes does. */
function cleanText(text: string): string {
  return text.replace(/\u0000/g, '');
}

/**
 * The folded words of `text` (letters only, 3 to 40 of them) join the words list. Inserted in
 * sorted order so that two writers never wait on each other in opposite orders.
 */
async function recordWords(tx: Database, text: string): Promise<void> {
  await tx.query(
    `insert into archive_words (word)
     select distinct w from unnest(tsvector_to_array(to_tsvector('simple', archive_fold($1)))) as w
     where w ~ '^[a-z]{3,40}$' order by w
     on conflict do nothing`,
    [cleanText(text)],
  );
}

/** Those of `keys` that a document names: what the orphan sweep keeps (server/ops/sweep-orphans.ts). */
export async function namedArchiveKeys(db: Database, keys: string[]): Promise<Set<string>> {
  const rows = await db.query<{ storage_key: string }>('select distinct storage_key from archive_documents where storage_key = any($1::text[])', [keys]);
  return new Set(rows.map((r) => r.storage_key));
}
