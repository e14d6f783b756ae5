import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../engine/index.ts';
import type { AppConfig } from '../context.ts';

/**
 * The archive's files, content-addressed under the archive folder (DOSAR_ARCHIVE_DIR, default
 * <DOSAR_DATA_DIR>/archive): a file's storage key is `<first two hex digits>/<SHA-256>`, chosen here
 * and never by a client. A file is written (to a temporary name, flushed, then renamed) before the
 * row that names it commits, so a row never names a missing or half-written file; a crash leaves at
 * most an unnamed file, which a later write of the same content reuses.
 */
export interface StoredArchiveFile {
  storageKey: string;
  sha256: string;
  bytes: number;
}

const KEY = /^([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** Where the archive's files live: the configured folder, else `archive` beside the uploads folder. */
export function archiveDirOf(config: Pick<AppConfig, 'uploadsDir' | 'archiveDir'>): string {
  return config.archiveDir ?? join(dirname(config.uploadsDir), 'archive');
}

function storageKeyOf(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256}`;
}

/** Absolute path of a stored file; refuses anything that is not a storage key. */
export function archiveFilePath(dir: string, storageKey: string): string {
  const m = KEY.exec(storageKey);
  if (!m) throw new AppError('bad-input', { ro: 'Cheie de stocare nevalidă.', en: 'Invalid storage key.' });
  return join(dir, m[1]!, m[2]!);
}

/** Stores `source` (bytes, or a file the server itself found, e.g. in an import folder). */
export async function writeArchiveFile(dir: string, source: Uint8Array | { path: string }): Promise<StoredArchiveFile> {
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.tmp-${randomUUID()}`);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    if (source instanceof Uint8Array) {
      hash.update(source);
      bytes = source.byteLength;
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(source);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } else {
      const counter = new Transform({ transform(chunk: Buffer, _enc, done) { hash.update(chunk); bytes += chunk.byteLength; done(null, chunk); } });
      await pipeline(createReadStream(source.path), counter, createWriteStream(temp, { flags: 'wx', flush: true }));
    }
    const sha256 = hash.digest('hex');
    const storageKey = storageKeyOf(sha256);
    const path = archiveFilePath(dir, storageKey);
    await mkdir(dirname(path), { recursive: true });
    const already = await stat(path).then((s) => s.size === bytes, () => false);
    if (already) await unlink(temp);
    else await rename(temp, path);
    return { storageKey, sha256, bytes };
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
