import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppError } from '../../engine/index.ts';
import { ARCHIVE_KEY, FileMissingError, type FileStore } from '../storage/file-store.ts';

/**
 * The archive's files, content-addressed in the archive's file store (`files.archive`: the folder
 * DOSAR_ARCHIVE_DIR, or `archive/` in the bucket with DOSAR_STORAGE=s3): a file's storage key is
 * `<first two hex digits>/<SHA-256>`, chosen here from the bytes and never by a client. Rows written
 * when the archive was a plain folder hold the same keys, which are those files' paths relative
 * to it, so they stay valid with the local store.
 *
 * A file is written (the local store flushes, then renames) before the row that names it commits, so
 * a committed row never names a missing or half-written file; a crash leaves at most an unnamed
 * file, which the hourly sweep deletes past its grace period (server/ops/sweep-orphans.ts). It is
 * written every time, even where the key is there already: an old orphan may be about to be swept,
 * and writing it again makes it new.
 */
export interface StoredArchiveFile {
  storageKey: string;
  sha256: string;
  bytes: number;
}

/** Stores bytes under their content's key. */
export async function writeArchiveFile(store: FileStore, bytes: Uint8Array, mediaType?: string): Promise<StoredArchiveFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const storageKey = `${sha256.slice(0, 2)}/${sha256}`;
  await store.write(storageKey, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), mediaType);
  return { storageKey, sha256, bytes: bytes.byteLength };
}

/** A stored file's bytes as a stream; a key of the wrong shape or a missing file is not-found. */
export async function openArchiveFile(store: FileStore, storageKey: string): Promise<Readable> {
  const notFound = new AppError('not-found', { ro: 'Fișierul scanat al documentului lipsește.', en: 'The document\'s scan is missing.' });
  if (!ARCHIVE_KEY.test(storageKey)) throw notFound;
  return store.open(storageKey).catch((err: unknown) => { throw err instanceof FileMissingError ? notFound : err; });
}
