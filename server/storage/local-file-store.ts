import { randomUUID } from 'node:crypto';
import { createReadStream, type Dirent } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertFileKey, FILE_KEY, FileMissingError, type FileStore } from './file-store.ts';

/**
 * Files in one local folder, named by their keys: today's behaviour and the default. A key with a
 * slash (the archive's `ab/<sha256>`) is a file in a subfolder; the key pattern admits no `..`.
 */
export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;

  constructor(private readonly dir: string, private readonly keys: RegExp = FILE_KEY) {}

  private pathOf(key: string): string {
    assertFileKey(key, this.keys);
    return join(this.dir, key);
  }

  async write(key: string, body: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Written under a temporary name, flushed and renamed, so a reader never sees half a file and a
    // row committed after the write never names a file a power cut emptied. The temporary name is
    // unique per write: two writes of one content-addressed key may run at once.
    const part = `${path}.${randomUUID()}.writing`;
    try {
      const handle = await open(part, 'wx');
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(part, path);
    } catch (err) {
      await unlink(part).catch(() => undefined);
      throw err;
    }
  }

  async moveIn(key: string, localPath: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    try {
      await rename(localPath, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      const part = `${path}.${randomUUID()}.writing`;
      await copyFile(localPath, part);
      await rename(part, path);
      await unlink(localPath);
    }
  }

  async open(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    // Opened first so a missing file is a rejection here, not an error event mid-response.
    await stat(path).catch((err: NodeJS.ErrnoException) => { throw err.code === 'ENOENT' ? new FileMissingError(key) : err; });
    return createReadStream(path);
  }

  async read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key)).catch((err: NodeJS.ErrnoException) => { throw err.code === 'ENOENT' ? new FileMissingError(key) : err; });
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'ENOENT') throw err; });
  }

  async *list(): AsyncIterable<{ key: string; modifiedAt: Date }> {
    for (const entry of await this.entries('')) {
      // One level of two-hex-digit subfolders: the archive's fan-out (ARCHIVE_KEY); nothing deeper.
      if (entry.isDirectory() && /^[0-9a-f]{2}$/.test(entry.name)) {
        for (const inner of await this.entries(entry.name)) if (inner.isFile()) yield* this.listed(`${entry.name}/${inner.name}`);
      } else if (entry.isFile()) yield* this.listed(entry.name);
    }
  }

  private async entries(sub: string): Promise<Dirent[]> {
    return readdir(join(this.dir, sub), { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => { if (err.code === 'ENOENT') return []; throw err; });
  }

  private async *listed(key: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    if (!this.keys.test(key)) return;
    const info = await stat(join(this.dir, key)).catch(() => undefined);
    if (info?.isFile()) yield { key, modifiedAt: info.mtime };
  }
}
