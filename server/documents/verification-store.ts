import type { Database } from '../../engine/index.ts';

/** What the public verification page shows of a document: enough to trust it, nothing about the person. */
export interface VerifiedDocument {
  title: string;
  registrationNumber: string;
  issuedAt: string;
  /** Of the registered HTML (UTF-8). */
  sha256: string;
  /** Of the PDF, once printed. */
  pdfSha256: string | null;
}

export async function documentByVerificationCode(db: Database, code: string): Promise<VerifiedDocument | undefined> {
  const [row] = await db.query<{ title: string; registration_number: string; issued_at: Date; sha256: string; pdf_sha256: string | null }>(
    'select title, registration_number, issued_at, sha256, pdf_sha256 from documents where verification_code = $1', [code]);
  return row ? { title: row.title, registrationNumber: row.registration_number, issuedAt: new Date(row.issued_at).toISOString(), sha256: row.sha256, pdfSha256: row.pdf_sha256 } : undefined;
}
