import type { Request } from 'express';
import { AppError } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import type { User } from '../auth/user.ts';
import type { AppContext } from '../context.ts';
import { isJsonObject, jsonFormData } from '../http/json-form-data.ts';
import type { StoredPackage } from '../procedures/catalogue.ts';
import { recordOf, requestFormPurpose, type UploadRecord } from '../uploads/uploads.ts';
import { assertFilesAccepted, discardSubmitted, keepSubmitted, withSubmission } from './read-submission.ts';
import { submitRequest, type Submitted } from './submit-request.ts';

/**
 * What API clients post for a procedure's request form: the application (JSON, or multipart with
 * its files), and the upload step (files in, records out). Files that failed their field's checks
 * refuse the whole post (form-invalid); nothing of a refused post is kept.
 */

function requestSchema(pkg: StoredPackage) {
  return pkg.forms[pkg.meta.requestForm]?.schema ?? { type: 'object' };
}

export async function submitRequestPost(ctx: AppContext, req: Request, citizen: User, pkg: StoredPackage, lang: Lang, idempotencyKey?: string): Promise<Submitted> {
  if (req.is('application/json')) return submitJsonRequest(ctx, req.body, citizen, pkg, lang, idempotencyKey);
  const schema = requestSchema(pkg);
  return withSubmission(ctx, req, schema, lang, async (submission) => {
    assertFilesAccepted(submission);
    await keepSubmitted(ctx, submission, { ownerId: citizen.id, purpose: requestFormPurpose(pkg.key, pkg.meta.requestForm) });
    const done = await submitRequest(ctx, { key: pkg.key, pkg, data: submission.data, citizen, lang, ...(idempotencyKey ? { idempotencyKey } : {}) });
    // A replay returns the first submission: files sent again are not needed.
    if (done.replayed) await discardSubmitted(ctx, submission);
    return done;
  });
}

/** A request posted as JSON (parsed already): its form data, with no files to keep. */
export async function submitJsonRequest(ctx: AppContext, body: unknown, citizen: User, pkg: StoredPackage, lang: Lang, idempotencyKey?: string): Promise<Submitted> {
  const data = jsonFormData(body, requestSchema(pkg));
  if (!isJsonObject(data)) throw new AppError('bad-input', 'The body must be a JSON object');
  return submitRequest(ctx, { key: pkg.key, pkg, data, citizen, lang, ...(idempotencyKey ? { idempotencyKey } : {}) });
}

/** The upload step for JSON clients: the records, by field, to be put in the form data as they are. */
export async function receiveUploads(ctx: AppContext, req: Request, citizen: User, pkg: StoredPackage, lang: Lang): Promise<Record<string, UploadRecord[]>> {
  if (!req.is('multipart/form-data')) throw new AppError('bad-input', { ro: 'Trimiteți fișierele ca multipart/form-data.', en: 'Send the files as multipart/form-data.' });
  return withSubmission(ctx, req, requestSchema(pkg), lang, async (submission) => {
    assertFilesAccepted(submission);
    if (submission.pending.length === 0) throw new AppError('bad-input', { ro: 'Nu ați trimis niciun fișier.', en: 'No file was sent.' });
    await keepSubmitted(ctx, submission, { ownerId: citizen.id, purpose: requestFormPurpose(pkg.key, pkg.meta.requestForm) });
    const byField: Record<string, UploadRecord[]> = {};
    for (const p of submission.pending) (byField[p.field] ??= []).push(recordOf(p));
    return byField;
  });
}
