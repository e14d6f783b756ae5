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
