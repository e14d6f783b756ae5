import type { Readable } from 'node:stream';

/**
 * Where Dosar keeps files (uploads, printed documents, archive scans): a local folder by default, or an
 * S3-compatible object store so that processes on several machines share them (open-storage.ts).
 *
 * Rules every store keeps, and the contract suite checks:
 * - keys are chosen by the server (`newFileKey`, or the archive's content hash), never taken from a
 *   client, and match the store's key pattern (FILE_KEY, ARCHIVE_KEY); anything else is refused
 *   before it reaches a path or a URL;
 * - a file is written before the row that names it commits, so a committed row never names a
 *   missing file; a write whose row never commits leaves an orphan, which `sweepOrphanFiles`
 *   deletes once it is older than a grace period;
 * - deleting a file that is not there is no error (sweeps and retries run twice).
 */
export interface FileStore {
  /** 'local' or 's3', for logs and readiness. */
  readonly kind: 'local' | 's3';
  /** Writes bytes under a key (replacing what was there). */
  write(key: string, body: Buffer, mediaType?: string): Promise<void>;
  /** Moves a finished local file (a temporary upload) into the store under a key; the local file is gone after. */
  moveIn(key: string, localPath: string, mediaType?: string): Promise<void>;
  /** The file's bytes as a stream; rejects with FileMissingError where there is none. */
  open(key: string): Promise<Readable>;
  /** The file's bytes; rejects with FileMissingError where there is none. */
  read(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  /** Every file in the store with its last change, in no particular order. */
  list(): AsyncIterable<{ key: string; modifiedAt: Date }>;
}

/** The file stores of one installation: one per kind of file, so their keys and sweeps never mix. */
export interface FileStores {
  uploads: FileStore;
  documents: FileStore;
  /** Archive scans and the files of archived requests, keyed by ARCHIVE_KEY (server/archive/archive-files.ts). */
  archive: FileStore;
}

/** 32 hex digits and an extension of letters: what newFileKey makes, and all the uploads and documents stores accept. */
export const FILE_KEY = /^[0-9a-f]{32}\.[a-z0-9]+$/;

/**
 * The archive's content-addressed keys, `<first two hex digits>/<SHA-256>`: the shape the
 * `archive_documents.storage_key` column checks, and the layout of the archive folder before it
 * was a store, so rows written then name their files still.
 */
export const ARCHIVE_KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}$/;

export class FileMissingError extends Error {
  constructor(key: string) {
    super(`No stored file ${key}`);
    this.name = 'FileMissingError';
  }
}

export function assertFileKey(key: string, pattern: RegExp = FILE_KEY): void {
  if (!pattern.test(key)) throw new Error(`Not a server-chosen file key: ${JSON.stringify(key).slice(0, 80)}`);
}
