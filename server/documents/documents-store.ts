import type { Database } from '../../engine/index.ts';

/** A document as served: its HTML, and its PDF once printed. */
export interface StoredDocument {
  registrationNumber: string;
  html: string;
  pdf: Buffer | null;
  /** 'pending' until its PDF is printed, 'ready' after; 'none' where this server prints no PDFs. */
  pdfStatus: string;
}

interface DocumentRow { html: string; pdf: Buffer | null; pdf_status: string; registration_number: string }

/** One document of one request (a document id alone finds nothing). */
export async function findRequestDocument(db: Database, requestId: string, documentId: string): Promise<StoredDocument | undefined> {
  const [row] = await db.query<DocumentRow>('select html, pdf, pdf_status, registration_number from documents where id = $1 and request_id = $2', [documentId, requestId]);
  return row ? { registrationNumber: row.registration_number, html: row.html, pdf: row.pdf, pdfStatus: row.pdf_status } : undefined;
}

/** What a request's page lists of each document it has. */
export interface DocumentSummary { id: string; kind: string; title: string; registrationNumber: string; sha256: string; issuedAt: string; hasPdf: boolean }

export async function documentsOfRequest(db: Database, requestId: string): Promise<DocumentSummary[]> {
  const rows = await db.query<{ id: string; kind: string; title: string; registration_number: string; sha256: string; issued_at: Date; has_pdf: boolean }>(
    "select id, kind, title, registration_number, sha256, issued_at, (pdf is not null or pdf_status = 'pending') as has_pdf from documents where request_id = $1 order by issued_at", [requestId]);
  return rows.map((d) => ({ id: d.id, kind: d.kind, title: d.title, registrationNumber: d.registration_number, sha256: d.sha256, issuedAt: new Date(d.issued_at).toISOString(), hasPdf: d.has_pdf }));
}
