import type { Database } from '../../engine/index.ts';
import type { DocumentKind, TextSource } from './archive-store.ts';

/**
 * Set-based writes of a generated corpus (archive-store.ts writes one document at a time for the
 * import): one statement per table per batch, each row set passed as parallel arrays and unnested,
 * so hundreds of thousands of documents take minutes, not hours.
 */
export interface DossierRows {
  id: string[]; registerNumber: string[]; registerDate: string[]; year: number[]; nomenclatorCode: string[]; retentionYears: Array<number | null>;
  department: string[]; title: string[]; parties: string[]; public: boolean[];
}

export interface DocumentRows {
  id: string[]; dossierId: string[]; kind: DocumentKind[]; title: string[]; mediaType: string[]; fileName: string[]; bytes: number[]; pageCount: number[];
  sha256: string[]; textSource: TextSource[];
}

export interface PageRows {
  documentId: string[]; page: number[]; dossierId: string[]; year: number[]; department: string[]; kind: string[]; public: boolean[]; body: string[];
}

/** Parties travel as one string each, separated by this (names never hold it). */
export const PARTY_SEPARATOR = '|';

export async function insertBatch(tx: Database, batch: { dossiers: DossierRows; documents: DocumentRows; pages: PageRows; words: string[]; now: Date }): Promise<void> {
  const d = batch.dossiers;
  await tx.query(
    `insert into archive_dossiers (id, register_number, register_date, year, nomenclator_code, retention_years, department, title, parties, parties_fold, public, status, created_at)
     select id, rn, rd, y, nc, ry, dep, t, string_to_array(p, '${PARTY_SEPARATOR}'), archive_fold(replace(p, '${PARTY_SEPARATOR}', ' ')), pub, 'closed', $11
     from unnest($1::uuid[], $2::text[], $3::date[], $4::int[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::boolean[]) as u(id, rn, rd, y, nc, ry, dep, t, p, pub)`,
    [d.id, d.registerNumber, d.registerDate, d.year, d.nomenclatorCode, d.retentionYears, d.department, d.title, d.parties, d.public, batch.now],
  );
  const o = batch.documents;
  await tx.query(
    `insert into archive_documents (id, dossier_id, kind, title, title_fold, media_type, file_name, bytes, page_count, sha256, text_source, created_at)
     select id, did, k, t, archive_fold(t), mt, fn, b, pc, sha, ts, $11
     from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::int[], $9::text[], $10::text[]) as u(id, did, k, t, mt, fn, b, pc, sha, ts)`,
    [o.id, o.dossierId, o.kind, o.title, o.mediaType, o.fileName, o.bytes, o.pageCount, o.sha256, o.textSource, batch.now],
  );
  const p = batch.pages;
  if (p.documentId.length > 0) {
    await tx.query(
      `insert into archive_pages (document_id, page, dossier_id, year, department, kind, public, body)
       select * from unnest($1::uuid[], $2::int[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::boolean[], $8::text[])`,
      [p.documentId, p.page, p.dossierId, p.year, p.department, p.kind, p.public, p.body],
    );
  }
  if (batch.words.length > 0) {
    await tx.query('insert into archive_words (word) select w from unnest($1::text[]) as w order by w on conflict do nothing', [batch.words]);
  }
}

/** The next free register number: generated dossiers never collide with earlier ones. */
export async function nextRegisterNumber(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number | null }>("select max(register_number::bigint)::int as n from archive_dossiers where register_number ~ '^[0-9]{1,9}$'");
  return (row?.n ?? 0) + 1;
}
