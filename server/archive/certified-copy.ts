import { readFileSync } from 'node:fs';
import { AppError, isUuid } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { prepareFromTemplate, registerDocument, renderPdfInBackground, type IssuedDocument } from '../documents/issue-document.ts';
import { requireVisibleRequest } from '../requests/request-view.ts';
import { findByRegistrationNumber } from '../requests/requests-store.ts';
import type { StoredRequest } from '../requests/requests-store.ts';
import { logAccess } from './access-log-store.ts';
import { readReason, requireVisibleDocument } from './documents.ts';
import { listPageTexts } from './documents-read-store.ts';

const TEMPLATE = readFileSync(new URL('./certified-copy.hbs', import.meta.url), 'utf8');
/** The documents' `kind` of a certified copy. */
const CERTIFIED_COPY_KIND = 'copie-certificata';

/** The request a clerk names by id or by registration number, if they may see it. */
export async function requestNamed(ctx: AppContext, user: User, input: { requestId?: unknown; number?: unknown }): Promise<StoredRequest> {
  const requestId = typeof input.requestId === 'string' && isUuid(input.requestId) ? input.requestId
    : typeof input.number === 'string' && input.number.trim() ? (await findByRegistrationNumber(ctx.db, input.number.trim()))[0]?.id : undefined;
  if (!requestId) throw new AppError('bad-input', { ro: 'Scrieți numărul de înregistrare al cererii căreia i se comunică documentul.', en: 'Give the registration number of the request the document is sent to.' });
  return requireVisibleRequest(ctx, user, requestId);
}

/**
 * A certified copy of an archived document, issued to a citizen's request as a registered document
 * of the city hall (outgoing number, verification code, PDF), like an answer: it states the
 * dossier, the document and the SHA-256 of the archived file, carries the document's text page by
 * page and the clerk's certification that it is a true copy. Logged in the archive's access log
 * (action `copy`) in the same transaction.
 */
export async function issueCertifiedCopy(ctx: AppContext, user: User, documentId: string, input: { requestId?: unknown; number?: unknown; reason?: unknown }, now: Date): Promise<{ requestId: string } & IssuedDocument & { verificationCode: string }> {
  const doc = await requireVisibleDocument(ctx.db, user, documentId);
  const reason = readReason(doc, input.reason);
  const request = await requestNamed(ctx, user, input);
  const en = request.lang === 'en';
  const prepared = prepareFromTemplate(ctx, {
    request,
    templateName: CERTIFIED_COPY_KIND,
    template: TEMPLATE,
    title: en ? `Certified copy of "${doc.title}" for request no. ${request.registrationNumber}` : `Copie certificată a documentului „${doc.title}” pentru cererea nr. ${request.registrationNumber}`,
    data: { en, dossier: doc.dossier, document: doc, pages: await listPageTexts(ctx.db, doc.id), clerk: user.name },
  });
  const issued = await ctx.db.transaction(async (tx) => {
    await logAccess(tx, { userId: user.id, at: now, action: 'copy', dossierId: doc.dossier.id, documentId: doc.id, reason: `${request.registrationNumber} (copie certificată)${reason ? `: ${reason}` : ''}` });
    return registerDocument(ctx, tx, prepared);
  });
  renderPdfInBackground(ctx, issued.id);
  return { requestId: request.id, ...issued, verificationCode: prepared.verificationCode };
}
