import { AppError, isUuid } from '../../engine/index.ts';
import type { User } from '../auth/user.ts';
import type { AppContext } from '../context.ts';
import { findRequestDocument } from '../documents/documents-store.ts';
import { renderDocumentPdf } from '../documents/issue-document.ts';
import type { Readable } from 'node:stream';
import { findRequestUpload, listRequestUploads, type UploadRecord } from '../uploads/uploads.ts';
import { requireVisibleRequest } from './request-view.ts';

/**
 * Who may download what: whoever may see a request (request-view.ts) gets its issued documents and
 * the files attached to it or to its completion answers, found by their rows, never by a name a
 * client sent; to everyone else they do not exist.
 */

/** The files a request's reader may download (the caller has seen the request). */
export function attachmentsOf(ctx: AppContext, requestId: string): Promise<UploadRecord[]> {
  return listRequestUploads(ctx.db, requestId);
}

export async function openRequestFile(ctx: AppContext, user: User, requestId: string, uploadId: string): Promise<UploadRecord & { open: () => Promise<Readable> }> {
  const request = await requireVisibleRequest(ctx, user, requestId);
  return findRequestUpload(ctx.db, ctx.files.uploads, request.id, uploadId);
}

/** A document as HTML or PDF, with the file name it is downloaded under. */
export async function openRequestDocument(ctx: AppContext, user: User, requestId: string, documentId: string, format: string): Promise<{ name: string; format: 'pdf' | 'html'; body: Buffer | string }> {
  const request = await requireVisibleRequest(ctx, user, requestId);
  if (!isUuid(documentId) || (format !== 'pdf' && format !== 'html')) throw new AppError('not-found', 'No such document');
  const doc = await findRequestDocument(ctx.db, request.id, documentId);
  if (!doc) throw new AppError('not-found', 'No such document');
  const name = `document-${doc.registrationNumber.replace(/[^0-9A-Za-z.-]+/g, '-')}.${format}`;
  if (format === 'html') return { name, format, body: doc.html };
  // A PDF still being printed after its decision (or lost to a crash) is printed now.
  const pdf = doc.pdf ?? (doc.pdfKey ? await ctx.files.documents.read(doc.pdfKey) : doc.pdfStatus === 'pending' ? await renderDocumentPdf(ctx, documentId) : undefined);
  if (!pdf) throw new AppError('not-found', { ro: 'Documentul nu are versiune PDF pe acest server; folosiți varianta HTML.', en: 'The document has no PDF version on this server; use the HTML version.' });
  return { name, format, body: pdf };
}
