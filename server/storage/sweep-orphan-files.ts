import type { FileStore } from './file-store.ts';

/**
 * Deletes the files of a store that no row names and that are older than the grace period: those
 * written for a row that never committed (a refused post, a lost race, a crash between the write
 * and the commit). The grace period covers writes whose transaction is still open.
 * `named(keys)` returns those of `keys` that a row names; it is asked in batches.
 */
export async function sweepOrphanFiles(store: FileStore, options: { before: Date; named: (keys: string[]) => Promise<Set<string>>; batch?: number }): Promise<number> {
  let deleted = 0;
  let batch: string[] = [];
  const flush = async () => {
    const known = await options.named(batch);
    for (const key of batch) {
      if (known.has(key)) continue;
      await store.delete(key);
      deleted++;
    }
    batch = [];
  };
  for await (const file of store.list()) {
    if (file.modifiedAt >= options.before) continue;
    batch.push(file.key);
    if (batch.length >= (options.batch ?? 500)) await flush();
  }
  if (batch.length > 0) await flush();
  return deleted;
}
