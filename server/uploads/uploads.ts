import { randomUUID } from 'node:crypto';
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, isUuid, type Database } from '../../engine/index.ts';
import { discardFiles, keepUpload, STORED_NAME, uploadSpec, type JsonSchema, type ReceivedFile } from '../../forms/index.ts';
import { TEMP_NAME } from '../../forms/render/read-form-post.ts';
import type { Lang } from '../../forms/validation/messages.ts';

/**
 * Uploads as the server knows them: one row per kept file (table `uploads`), owned by the user who
 * sent it, for one purpose (a procedure's request form, or the completion of one request), stored
 * under a name only the server knows. Data (form data, instance variables, completion answers)
 * holds UploadRecords, which name a row by id; a client can only ever point at a row that was
 * issued to it for that purpose and is not yet attached, and the server replaces what it sent by
 * the row's own record when it attaches it. Files are read back only through their row.
 */
export interface UploadRecord {
  id: string;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** A file received with a post, with the id its record carries until the post is accepted. */
export interface PendingUpload {
  id: string;
  field: string;
  file: ReceivedFile;
}

/** Unattached uploads older than this, and not in a live draft, are deleted by the sweep. */
export const ORPHAN_AGE_MS = 24 * 3_600_000;

export function requestFormPurpose(procedureKey: string, form: string): string {
  return `request:${procedureKey}/${form}`;
}

export function completionPurpose(requestId: string): string {
  return `completion:${requestId}`;
}

export function recordOf(pending: PendingUpload): UploadRecord {
  const f = pending.file;
  return { id: pending.id, originalName: f.originalName.replace(/[\u0000-\u001f]/g, '').slice(0, 255), mediaType: f.mediaType ?? 'application/octet-stream', size: f.size, sha256: f.sha256 };
}

/** Keeps checked files of an accepted post: renamed to server names and recorded, not yet attached. */
export async function keepUploads(db: Database, dir: string, pending: PendingUpload[], owner: { ownerId: string; purpose: string; now: Date }): Promise<void> {
  for (const p of pending) {
    const stored = await keepUpload(dir, p.file);
    try {
      await db.query(
        'insert into uploads (id, owner_id, purpose, stored_name, original_name, media_type, size, sha256, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [p.id, owner.ownerId, owner.purpose, stored.storedName, stored.originalName, stored.mediaType, stored.size, stored.sha256, owner.now],
      );
    } catch (err) {
      await unlink(join(dir, stored.storedName)).catch(() => undefined);
      throw err;
    }
  }
}

/** Deletes uploads of a refused post that nothing attached: their rows, their files, and temporary files. */
export async function discardUploads(db: Database, dir: string, pending: PendingUpload[]): Promise<void> {
  await discardFiles(pending.map((p) => p.file));
  if (pending.length === 0) return;
  const gone = await db.query<{ stored_name: string }>('delete from uploads where id = any($1::uuid[]) and request_id is null returning stored_name', [pending.map((p) => p.id)]);
  await removeStored(dir, gone.map((g) => g.stored_name));
}

/**
 * At submission, in its transaction: each x-upload field of `data` must hold references to uploads
 * issued to this owner for this purpose and not attached yet; they are attached to the request
 * (compare-and-set, count checked, so none is attached twice) and the field is replaced, in place,
 * by the server's records. Anything else in an upload field is refused (form-invalid, per field).
 */
export async function attachUploads(tx: Database, input: { ownerId: string; requestId: string; purpose: string; data: Record<string, unknown>; schema: JsonSchema; lang?: Lang }): Promise<void> {
  const visit = async (schema: JsonSchema, data: Record<string, unknown>, pointer: string) => {
    for (const [field, node] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
      if (!Object.hasOwn(data, field) || data[field] === undefined) continue;
      const value = data[field];
      if (uploadSpec(node)) data[field] = await attachRecords(tx, { ...input, field: `${pointer}${field}`, value });
      else if (node.properties && value && typeof value === 'object' && !Array.isArray(value)) await visit(node, value as Record<string, unknown>, `${pointer}${field}/`);
    }
  };
  await visit(input.schema, input.data, '');
}

/** Attaches the uploads `value` refers to (see attachUploads) and returns the server's records. */
export async function attachRecords(tx: Database, input: { ownerId: string; requestId: string; purpose: string; field: string; value: unknown; lang?: Lang }): Promise<UploadRecord[]> {
  const refuse = () => {
    const ro = 'Fișierele indicate nu vă aparțin sau nu mai există; încărcați-le din nou.';
    const en = 'The files given are not yours or no longer exist; upload them again.';
    const message = input.lang === 'en' ? en : ro;
    return new AppError('form-invalid', input.lang === 'en' ? 'Some fields need correcting.' : 'Cererea are câmpuri de corectat.', {
      details: [{ pointer: `/${input.field}`, field: input.field, keyword: 'upload', message }],
    });
  };
  const items = input.value === null ? [] : Array.isArray(input.value) ? input.value : [input.value];
  const ids = items.map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? (item as { id?: unknown }).id : undefined));
  if (!ids.every((id): id is string => typeof id === 'string' && isUuid(id)) || new Set(ids).size !== ids.length) throw refuse();
  if (ids.length === 0) return [];
  const rows = await tx.query<{ id: string; original_name: string; media_type: string; size: number | string; sha256: string }>(
    `update uploads set request_id = $1 where id = any($2::uuid[]) and owner_id = $3 and purpose = $4 and request_id is null
     returning id, original_name, media_type, size, sha256`,
    [input.requestId, ids, input.ownerId, input.purpose],
  );
  if (rows.length !== ids.length) throw refuse();
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, originalName: r.original_name, mediaType: r.media_type, size: Number(r.size), sha256: r.sha256 }]));
  return ids.map((id) => byId.get(id)!);
}

/** Files attached to a request or to its completion answers, oldest first: the only ones it can serve. */
export async function listRequestUploads(db: Database, requestId: string): Promise<UploadRecord[]> {
  const rows = await db.query<{ id: string; original_name: string; media_type: string; size: number | string; sha256: string }>(
    'select id, original_name, media_type, size, sha256 from uploads where request_id = $1 order by created_at, id',
    [requestId],
  );
  return rows.map((r) => ({ id: r.id, originalName: r.original_name, mediaType: r.media_type, size: Number(r.size), sha256: r.sha256 }));
}

/** One file of a request, by its row: the path is the server's own stored name, never a client's. */
export async function findRequestUpload(db: Database, dir: string, requestId: string, uploadId: string): Promise<UploadRecord & { path: string }> {
  const notFound = new AppError('not-found', 'Fișierul nu există. / The file does not exist.');
  if (!isUuid(uploadId)) throw notFound;
  const [row] = await db.query<{ id: string; stored_name: string; original_name: string; media_type: string; size: number | string; sha256: string }>(
    'select id, stored_name, original_name, media_type, size, sha256 from uploads where id = $1 and request_id = $2',
    [uploadId, requestId],
  );
  if (!row || !STORED_NAME.test(row.stored_name)) throw notFound;
  return { id: row.id, originalName: row.original_name, mediaType: row.media_type, size: Number(row.size), sha256: row.sha256, path: join(dir, row.stored_name) };
}

/**
 * Deletes orphans: uploads never attached to a request, older than `olderThanMs`, that no live
 * draft refers to; and temporary files left behind by a stopped process. Run periodically by the
 * server (main.ts) and callable directly.
 */
export async function sweepOrphanUploads(db: Database, dir: string, options: { now: Date; olderThanMs?: number }): Promise<{ uploads: number; temporary: number }> {
  const before = new Date(options.now.getTime() - (options.olderThanMs ?? ORPHAN_AGE_MS));
  const gone = await db.query<{ stored_name: string }>(
    `delete from uploads u where u.request_id is null and u.created_at < $1
       and not exists (select 1 from form_drafts d where d.expires_at > $2 and strpos(d.data::text, u.id::text) > 0)
     returning u.stored_name`,
    [before, options.now],
  );
  await removeStored(dir, gone.map((g) => g.stored_name));
  let temporary = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!TEMP_NAME.test(name)) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info && info.mtime < before) {
      await unlink(join(dir, name)).catch(() => undefined);
      temporary++;
    }
  }
  return { uploads: gone.length, temporary };
}

async function removeStored(dir: string, names: string[]): Promise<void> {
  await Promise.all(names.filter((n) => STORED_NAME.test(n)).map((n) => unlink(join(dir, n)).catch(() => undefined)));
}

export function newUploadId(): string {
  return randomUUID();
}
