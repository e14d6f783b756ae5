import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppError, type Database } from '../../engine/index.ts';
import { ARCHIVE_KEY, FileMissingError, type FileStore } from '../storage/file-store.ts';
import { sweepOrphanFiles } from '../storage/sweep-orphan-files.ts';
import { namedArchiveKeys } from './archive-store.ts';

/**
 * The archive's files, content-addressed in the archive's file store (`files.archive`: the folder
 * DOSAR_ARCHIVE_DIR, or `archive/` in the bucket with DOSAR_STORAGE=s3): a file's storage key is
 * `<first two hex digits>/<SHA-256>`, chosen here from the bytes and never by a client. Rows written
 * when the archive was a plain folder hold the same keys, which are those files' paths relative
 * to it, so they stay valid with the local store.
 *
 * A file is written (the local store flushes, then renames) inside the transaction that commits the
 * row naming it, under a shared advisory lock on its key, so a committed row never names a missing
 * or half-written file. The same bytes may be written again for another row while the orphan sweep
 * is about to delete their old copy: the sweep takes the key's lock exclusively (and only when no
 * writer holds it) before it checks that no row names the file and deletes it, so a writer either
 * waits and writes the file again after the deletion, or keeps the sweep away until its row has
 * committed. A crash leaves at most an unnamed file, which the hourly sweep deletes past its grace
 * period (server/ops/sweep-orphans.ts).
 */
export interface StoredArchiveFile {
  storageKey: string;
  sha256: string;
  bytes: number;
}

/** Lock class of the archive keys' advisory locks (the second key is the storage key's hashtext). */
const KEY_LOCK = 0x64_6f_73_61; // 'dosa'

/** The storage key of these bytes: chosen from the content, never by a client. */
function archiveFileOf(bytes: Uint8Array): StoredArchiveFile {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { storageKey: `${sha256.slice(0, 2)}/${sha256}`, sha256, bytes: bytes.byteLength };
}

/** Stores bytes under their content's key; call inside the transaction that inserts the row naming it. */
export async function writeArchiveFile(tx: Database, store: FileStore, bytes: Uint8Array, mediaType?: string): Promise<StoredArchiveFile> {
  const file = archiveFileOf(bytes);
  await tx.query('select pg_advisory_xact_lock_shared($1, hashtext($2))', [KEY_LOCK, file.storageKey]);
  await store.write(file.storageKey, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), mediaType);
  return file;
}

/**
 * Deletes the archive's files older than `before` that no document names, each under its key's
 * exclusive lock, skipping those a writer holds now (their row is about to commit).
 */
export function sweepArchiveFiles(db: Database, store: FileStore, before: Date): Promise<number> {
  return sweepOrphanFiles(store, {
    before,
    claim: (keys, remove) => db.transaction(async (tx) => {
      const rows = await tx.query<{ k: string }>('select k from unnest($1::text[]) as k where pg_try_advisory_xact_lock($2, hashtext(k))', [keys, KEY_LOCK]);
      const free = rows.map((r) => r.k);
      const named = await namedArchiveKeys(tx, free);
      await remove(free.filter((k) => !named.has(k)));
    }),
  });
}

/** A stored file's bytes as a stream; a key of the wrong shape or a missing file is not-found. */
export async function openArchiveFile(store: FileStore, storageKey: string): Promise<Readable> {
  const notFound = new AppError('not-found', { ro: 'Fișierul scanat al documentului lipsește.', en: 'The document\'s scan is missing.' });
  if (!ARCHIVE_KEY.test(storageKey)) throw notFound;
  return store.open(storageKey).catch((err: unknown) => { throw err instanceof FileMissingError ? notFound : err; });
}
