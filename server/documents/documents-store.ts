import type { Database } from '../../engine/index.ts';

/** A document as served: its HTML, and its PDF once printed. */
export interface StoredDocument {
  registrationNumber: string;
  html: string;
  /** A PDF printed before PDFs went to the file store; newer ones are named by pdfKey. */
  pdf: Buffer | null;
  /** Its key in the documents file store, once printed. */
  pdfKey: string | null;
  /** 'pending' until its PDF is printed, 'ready' after; 'none' where this server prints no PDFs. */
  pdfStatus: string;
}

interface DocumentRow { html: string; pdf: Buffer | null; pdf_key: string | null; pdf_status: string; registration_number: string }

/** One document of one request (a document id alone finds nothing). */
export async function findRequestDocument(db: Database, requestId: string, documentId: string): Promise<StoredDocument | undefined> {
  const [row] = await db.query<DocumentRow>('select html, pdf, pdf_key, pdf_status, registration_number from documents where id = $1 and request_id = $2', [documentId, requestId]);
  return row ? { registrationNumber: row.registration_number, html: row.html, pdf: row.pdf, pdfKey: row.pdf_key, pdfStatus: row.pdf_status } : undefined;
}

/** What a request's page lists of each document it has. */
export interface DocumentSummary { id: string; kind: string; title: string; registrationNumber: string; sha256: string; issuedAt: string; hasPdf: boolean }

export async function documentsOfRequest(db: Database, requestId: string): Promise<DocumentSummary[]> {
  const rows = await db.query<{ id: string; kind: string; title: string; registration_number: string; sha256: string; issued_at: Date; has_pdf: boolean }>(
    "select id, kind, title, registration_number, sha256, issued_at, (pdf is not null or pdf_key is not null or pdf_status = 'pending') as has_pdf from documents where request_id = $1 order by issued_at", [requestId]);
  return rows.map((d) => ({ id: d.id, kind: d.kind, title: d.title, registrationNumber: d.registration_number, sha256: d.sha256, issuedAt: new Date(d.issued_at).toISOString(), hasPdf: d.has_pdf }));
}

/** Those of `keys` that a document row names (for the sweep of files without a row). */
export async function namedPdfKeys(db: Database, keys: string[]): Promise<Set<string>> {
  const rows = await db.query<{ pdf_key: string }>('select pdf_key from documents where pdf_key = any($1::text[])', [keys]);
  return new Set(rows.map((r) => r.pdf_key));
}
