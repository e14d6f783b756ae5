import type { Database } from '../../engine/index.ts';
import type { DocumentKind, TextSource } from './archive-store.ts';

/** Reading one archived document with its dossier and pages (tables archive_documents, archive_dossiers, archive_pages). */
export interface ArchivedDocument {
  id: string;
  kind: DocumentKind;
  title: string;
  mediaType: string;
  fileName: string;
  bytes: number;
  pageCount: number;
  sha256: string;
  storageKey: string | null;
  textSource: TextSource;
  dossier: {
    id: string;
    registerNumber: string;
    registerDate: string;
    year: number;
    nomenclatorCode: string;
    retention: number | 'permanent';
    department: string;
    title: string;
    parties: string[];
    status: 'open' | 'closed';
    public: boolean;
  };
}

interface DocRow {
  id: string; kind: DocumentKind; title: string; media_type: string; file_name: string; bytes: string | number; page_count: number; sha256: string;
  storage_key: string | null; text_source: TextSource; dossier_id: string; register_number: string; register_date: string; year: number;
  nomenclator_code: string; retention_years: number | null; department: string; dossier_title: string; parties: string[]; status: 'open' | 'closed'; public: boolean;
}

export async function findArchivedDocument(db: Database, id: string): Promise<ArchivedDocument | undefined> {
  const [r] = await db.query<DocRow>(
    `select d.id, d.kind, d.title, d.media_type, d.file_name, d.bytes, d.page_count, d.sha256, d.storage_key, d.text_source,
       o.id as dossier_id, o.register_number, o.register_date::text as register_date, o.year, o.nomenclator_code, o.retention_years, o.department,
       o.title as dossier_title, o.parties, o.status, o.public
     from archive_documents d join archive_dossiers o on o.id = d.dossier_id where d.id = $1`,
    [id],
  );
  if (!r) return undefined;
  return {
    id: r.id, kind: r.kind, title: r.title, mediaType: r.media_type, fileName: r.file_name, bytes: Number(r.bytes), pageCount: r.page_count,
    sha256: r.sha256, storageKey: r.storage_key, textSource: r.text_source,
    dossier: {
      id: r.dossier_id, registerNumber: r.register_number, registerDate: r.register_date, year: r.year, nomenclatorCode: r.nomenclator_code,
      retention: r.retention_years ?? 'permanent', department: r.department, title: r.dossier_title, parties: r.parties, status: r.status, public: r.public,
    },
  };
}

/** Each page's text, in order. */
export async function listPageTexts(db: Database, documentId: string): Promise<Array<{ page: number; text: string }>> {
  return (await db.query<{ page: number; body: string }>('select page, body from archive_pages where document_id = $1 order by page', [documentId])).map((r) => ({ page: r.page, text: r.body }));
}
