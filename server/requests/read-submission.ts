import type { Request } from 'express';
import { AppError } from '../../engine/errors.ts';
import { checkUpload, storeUpload, uploadSpec, type FieldError, type JsonSchema } from '../../forms/index.ts';
import { parseFormPost, type FormAction } from '../../forms/render/parse-form-post.ts';
import { readFormPost } from '../../forms/render/read-form-post.ts';
import type { Lang } from '../../forms/validation/messages.ts';

export interface Submission {
  data: Record<string, unknown>;
  action: FormAction;
  /** Raw fields of a form post (for _csrf, _save, _current). */
  fields: Record<string, string>;
  /** Upload problems, per field, in the same shape as validation errors. */
  uploadErrors: FieldError[];
}

/**
 * Reads form data the way it arrives: JSON (API clients), or a form post, urlencoded or multipart
 * (browsers, and API clients sending files: either form fields or one `data` part holding JSON).
 * Files are checked by content and stored under generated names; their records join the data.
 */
export async function readSubmission(req: Request, schema: JsonSchema, uploadsDir: string, lang: Lang): Promise<Submission> {
  if (req.is('application/json')) {
    const body = req.body as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('bad-input', 'The body must be a JSON object');
    return { data: body as Record<string, unknown>, action: { kind: 'submit' }, fields: {}, uploadErrors: [] };
  }
  if (!req.is('multipart/form-data') && !req.is('application/x-www-form-urlencoded')) {
    throw new AppError('bad-input', 'Send JSON, or a form post (multipart/form-data or application/x-www-form-urlencoded)');
  }
  // A urlencoded post may already have been parsed by the pages' body parser.
  const parsed = !req.is('multipart/form-data') && req.body && typeof req.body === 'object';
  const post = parsed ? { fields: req.body as Record<string, string>, files: {} } : await readFormPost(req);
  if ('truncated' in post && post.truncated) {
    throw new AppError('too-large', lang === 'ro' ? 'Fișierele sau câmpurile trimise depășesc limita permisă.' : 'The files or fields sent are over the limit.');
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
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [field, files] of Object.entries(post.files)) {
    const spec = Object.hasOwn(properties, field) ? uploadSpec(properties[field]!) : undefined;
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
    data[field] = [...kept, ...(await Promise.all(files.map((f) => storeUpload(uploadsDir, f))))];
  }
  return { data, action, fields: post.fields, uploadErrors };
}
