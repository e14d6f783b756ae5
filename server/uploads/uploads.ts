import { randomUUID } from 'node:crypto';
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError, isUuid, type Database } from '../../engine/index.ts';
import { cleanName, discardFiles, newStoredName, STORED_NAME, uploadSpec, type JsonSchema, type ReceivedFile, type Lang } from '../../forms/index.ts';
import { TEMP_NAME } from '../../forms/render/read-form-post.ts';
import { FileMissingError, type FileStore } from '../storage/file-store.ts';
import { sweepOrphanFiles } from '../storage/sweep-orphan-files.ts';
import { attachToRequest, deleteOrphans, deleteUnattached, findAttached, insertUpload, listAttached, namedStoredNames, type UploadRecord } from './uploads-store.ts';

/**
 * Uploads as the server knows them: one row per kept file (table `uploads`), owned by the user who
 * sent it, for one purpose (a procedure's request form, or the completion of one request), stored
 * under a name only the server knows, in the uploads file store (server/storage). Data (form data, instance variables, completion answers)
 * holds UploadRecords, which name a row by id; a client can only ever point at a row that was
 * issued to it for that purpose and is not yet attached, and the server replaces what it sent by
 * the row's own record when it attaches it. Files are read back only through their row.
 */
export type { UploadRecord } from './uploads-store.ts';

/** A file received with a post, with the id its record carries until the post is accepted. */
export interface PendingUpload {
  id: string;
  field: string;
  file: ReceivedFile;
}

/** Unattached uploads older than this, and not in a live draft, are deleted by the sweep. */
const ORPHAN_AGE_MS = 24 * 3_600_000;

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

/**
 * Keeps checked files of an accepted post: moved into the store under server names, then recorded
 * (the file first, so a row never names a missing file), not yet attached.
 */
export async function keepUploads(db: Database, files: FileStore, pending: PendingUpload[], owner: { ownerId: string; purpose: string; now: Date }): Promise<void> {
  for (const p of pending) {
    const mediaType = p.file.mediaType ?? 'application/octet-stream';
    const storedName = newStoredName(mediaType);
    await files.moveIn(storedName, p.file.path, mediaType);
    try {
      await insertUpload(db, { id: p.id, ownerId: owner.ownerId, purpose: owner.purpose, storedName, originalName: cleanName(p.file.originalName), mediaType, size: p.file.size, sha256: p.file.sha256, createdAt: owner.now });
    } catch (err) {
      await files.delete(storedName).catch(() => undefined);
      throw err;
    }
  }
}

/** Deletes uploads of a refused post that nothing attached: their rows, their files, and temporary files. */
export async function discardUploads(db: Database, files: FileStore, pending: PendingUpload[]): Promise<void> {
  await discardFiles(pending.map((p) => p.file));
  if (pending.length === 0) return;
  await removeStored(files, await deleteUnattached(db, pending.map((p) => p.id)));
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
    return new AppError('form-invalid', { ro: 'Cererea are câmpuri de corectat.', en: 'Some fields need correcting.' }, {
      details: [{ pointer: `/${input.field}`, field: input.field, keyword: 'upload', message }],
    });
  };
  const items = input.value === null ? [] : Array.isArray(input.value) ? input.value : [input.value];
  const ids = items.map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? (item as { id?: unknown }).id : undefined));
  if (!ids.every((id): id is string => typeof id === 'string' && isUuid(id)) || new Set(ids).size !== ids.length) throw refuse();
  if (ids.length === 0) return [];
  const records = await attachToRequest(tx, { requestId: input.requestId, ids, ownerId: input.ownerId, purpose: input.purpose });
  if (records.length !== ids.length) throw refuse();
  const byId = new Map(records.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/** Files attached to a request or to its completion answers, oldest first: the only ones it can serve. */
export async function listRequestUploads(db: Database, requestId: string): Promise<UploadRecord[]> {
  return listAttached(db, requestId);
}

/** One file of a request, by its row: the key is the server's own stored name, never a client's. */
export async function findRequestUpload(db: Database, files: FileStore, requestId: string, uploadId: string): Promise<UploadRecord & { open: () => Promise<Readable> }> {
  const notFound = new AppError('not-found', { ro: 'Fișierul nu există.', en: 'The file does not exist.' });
  if (!isUuid(uploadId)) throw notFound;
  const found = await findAttached(db, requestId, uploadId);
  if (!found || !STORED_NAME.test(found.storedName)) throw notFound;
  const { storedName, ...record } = found;
  const open = () => files.open(storedName).catch((err: unknown) => { throw err instanceof FileMissingError ? notFound : err; });
  return { ...record, open };
}

/**
 * Deletes orphans older than `olderThanMs`: uploads never attached to a request that no live draft
 * refers to (row and file); files in the store that no row names (written for a post whose row
 * never committed); and temporary files a stopped process left in `tempDir`. Run periodically by
 * the server (main.ts) and callable directly.
 */
export async function sweepOrphanUploads(db: Database, files: FileStore, tempDir: string, options: { now: Date; olderThanMs?: number }): Promise<{ uploads: number; files: number; temporary: number }> {
  const before = new Date(options.now.getTime() - (options.olderThanMs ?? ORPHAN_AGE_MS));
  const gone = await deleteOrphans(db, before, options.now);
  await removeStored(files, gone);
  const unnamed = await sweepOrphanFiles(files, { before, named: (keys) => namedStoredNames(db, keys) });
  let temporary = 0;
  for (const name of await readdir(tempDir).catch(() => [] as string[])) {
    if (!TEMP_NAME.test(name)) continue;
    const info = await stat(join(tempDir, name)).catch(() => undefined);
    if (info && info.mtime < before) {
      await unlink(join(tempDir, name)).catch(() => undefined);
      temporary++;
    }
  }
  return { uploads: gone.length, files: unnamed, temporary };
}

async function removeStored(files: FileStore, names: string[]): Promise<void> {
  await Promise.all(names.filter((n) => STORED_NAME.test(n)).map((n) => files.delete(n).catch(() => undefined)));
}

export function newUploadId(): string {
  return randomUUID();
}
