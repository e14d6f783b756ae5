import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertFileKey, FILE_KEY, FileMissingError, type FileStore } from './file-store.ts';

/** Files in one local folder, named by their keys: today's behaviour and the default. */
export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;

  constructor(private readonly dir: string) {}

  private pathOf(key: string): string {
    assertFileKey(key);
    return join(this.dir, key);
  }

  async write(key: string, body: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(this.dir, { recursive: true });
    // Written under a temporary name and renamed, so a reader never sees half a file.
    const part = `${path}.${process.pid}.writing`;
    await writeFile(part, body);
    await rename(part, path);
  }

  async moveIn(key: string, localPath: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(this.dir, { recursive: true });
    try {
      await rename(localPath, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      await copyFile(localPath, `${path}.${process.pid}.writing`);
      await rename(`${path}.${process.pid}.writing`, path);
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
    const names = await readdir(this.dir).catch((err: NodeJS.ErrnoException) => { if (err.code === 'ENOENT') return [] as string[]; throw err; });
    for (const key of names) {
      if (!FILE_KEY.test(key)) continue;
      const info = await stat(join(this.dir, key)).catch(() => undefined);
      if (info?.isFile()) yield { key, modifiedAt: info.mtime };
    }
  }
}
