import type { Request } from 'express';
import { AppError } from '../../engine/index.ts';
import { checkUpload, discardFiles, uploadSpec, type FieldError, type JsonSchema, type ReceivedFile, type Lang } from '../../forms/index.ts';
import { parseFormPost, type FormAction } from '../../forms/render/parse-form-post.ts';
import { readFormPost, type FormPost } from '../../forms/render/read-form-post.ts';
import type { AppContext } from '../context.ts';
import { discardUploads, keepUploads, newUploadId, recordOf, type PendingUpload } from '../uploads/uploads.ts';

export interface Submission {
  data: Record<string, unknown>;
  action: FormAction;
  /** Raw fields of a form post (for _csrf, _save, _current). */
  fields: Record<string, string>;
  /** Upload problems, per field, in the same shape as validation errors. */
  uploadErrors: FieldError[];
  /**
   * Checked files of this post, still temporary: their records (with these ids) are in `data`, but
   * nothing is written until the route accepts the post and keeps them (keepSubmitted).
   */
  pending: PendingUpload[];
  /** Every temporary file of this post (pending or refused): deleted after the route, unless kept. */
  temporary: ReceivedFile[];
}

/**
 * Reads form data the way it arrives: JSON (API clients), or a form post, urlencoded or multipart
 * (browsers, and API clients sending files: either form fields or one `data` part holding JSON).
 * Files are streamed into temporary files in the uploads folder and checked by content; their
 * records join the data. Callers use withSubmission, which deletes what the post does not keep.
 */
async function readSubmission(req: Request, schema: JsonSchema, uploadsDir: string, lang: Lang): Promise<Submission> {
  if (req.is('application/json')) {
    const body = req.body as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('bad-input', 'The body must be a JSON object');
    return { data: body as Record<string, unknown>, action: { kind: 'submit' }, fields: {}, uploadErrors: [], pending: [], temporary: [] };
  }
  if (!req.is('multipart/form-data') && !req.is('application/x-www-form-urlencoded')) {
    throw new AppError('bad-input', 'Send JSON, or a form post (multipart/form-data or application/x-www-form-urlencoded)');
  }
  // A urlencoded post may already have been parsed by the pages' body parser.
  const parsed = !req.is('multipart/form-data') && req.body && typeof req.body === 'object';
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const specOf = (field: string) => (Object.hasOwn(properties, field) ? uploadSpec(properties[field]!) : undefined);
  const post: FormPost = parsed
    ? { fields: req.body as Record<string, string>, files: {} }
    : await readFormPost(req, { dir: uploadsDir, maxBytes: (field) => specOf(field)?.maxBytes ?? 0 });
  try {
    return readPost(post, schema, specOf, lang);
  } catch (err) {
    await discardFiles(Object.values(post.files).flat());
    throw err;
  }
}

function readPost(post: FormPost, schema: JsonSchema, specOf: (field: string) => ReturnType<typeof uploadSpec>, lang: Lang): Submission {
  if (post.truncated) {
    throw new AppError('too-large', { ro: 'Fișierele sau câmpurile trimise depășesc limita permisă.', en: 'The files or fields sent are over the limit.' });
  }
  let data: Record<string, unknown>;
  let action: FormAction = { kind: 'submit' };
  if (typeof post.fields.data === 'string' && !(schema.properties as Record<string, unknown> | undefined)?.data) {
    try {
      data = JSON.parse(post.fields.data) as Record<string, unknown>;
    } catch {
      throw new AppError('bad-input', 'The "data" part is not valid JSON');
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new AppError('bad-input', 'The "data" part must be a JSON object');
  } else {
    ({ data, action } = parseFormPost(schema, post.fields));
  }
  const uploadErrors: FieldError[] = [];
  const pending: PendingUpload[] = [];
  for (const [field, files] of Object.entries(post.files)) {
    const spec = specOf(field);
    if (!spec) {
      uploadErrors.push({ pointer: `/${field}`, field, keyword: 'upload', message: lang === 'ro' ? 'Acest câmp nu primește fișiere.' : 'This field does not take files.' });
      continue;
    }
    const kept = Array.isArray(data[field]) ? (data[field] as unknown[]) : [];
    const problems = checkUpload(spec, [...files], lang);
    if (kept.length > 0 && kept.length + files.length > spec.maxFiles) problems.push(lang === 'ro' ? `Cel mult ${spec.maxFiles} fișiere.` : `At most ${spec.maxFiles} files.`);
    if (problems.length > 0) {
      uploadErrors.push({ pointer: `/${field}`, field, keyword: 'upload', message: problems.join(' ') });
      continue;
    }
    const received = files.map((file) => ({ id: newUploadId(), field, file }));
    pending.push(...received);
    data[field] = [...kept, ...received.map(recordOf)];
  }
  return { data, action, fields: post.fields, uploadErrors, pending, temporary: Object.values(post.files).flat() };
}

/** A post whose files failed their field's checks is refused whole, naming each field. */
export function assertFilesAccepted(submission: Submission): void {
  if (submission.uploadErrors.length > 0) {
    throw new AppError('form-invalid', { ro: 'Fișierele nu pot fi primite.', en: 'The files cannot be accepted.' }, { details: submission.uploadErrors });
  }
}

/**
 * Reads a submission and runs the route's work on it. Nothing is kept unless the work calls
 * keepSubmitted (once the post is accepted: CSRF checked, data valid). Whatever happens, temporary
 * files are deleted afterwards; if the work throws, uploads kept by this post and not attached are
 * deleted too, rows and files.
 */
export async function withSubmission<T>(ctx: AppContext, req: Request, schema: JsonSchema, lang: Lang, work: (submission: Submission) => Promise<T>): Promise<T> {
  const submission = await readSubmission(req, schema, ctx.config.uploadsDir, lang);
  try {
    return await work(submission);
  } catch (err) {
    await discardUploads(ctx.db, ctx.files.uploads, submission.pending);
    throw err;
  } finally {
    await discardFiles(submission.temporary);
  }
}

/** Keeps the post's checked files: server names, one row each, owned by `ownerId` for `purpose`. */
export async function keepSubmitted(ctx: AppContext, submission: Submission, owner: { ownerId: string; purpose: string }): Promise<void> {
  await keepUploads(ctx.db, ctx.files.uploads, submission.pending, { ...owner, now: ctx.engine.clock.now() });
}

/** Undoes keepSubmitted for a post refused after all (rows not attached and their files). */
export async function discardSubmitted(ctx: AppContext, submission: Submission): Promise<void> {
  await discardUploads(ctx.db, ctx.files.uploads, submission.pending);
}

/** The data without the records of this post's files: for showing a refused post again. */
export function withoutPending(data: Record<string, unknown>, submission: Submission): Record<string, unknown> {
  const ids = new Set(submission.pending.map((p) => p.id));
  if (ids.size === 0) return data;
  const out = { ...data };
  for (const field of new Set(submission.pending.map((p) => p.field))) {
    if (Array.isArray(out[field])) out[field] = (out[field] as Array<{ id?: unknown }>).filter((r) => !ids.has(String(r?.id)));
  }
  return out;
}
