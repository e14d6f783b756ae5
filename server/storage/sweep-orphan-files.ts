import type { FileStore } from './file-store.ts';

/** Runs `remove` on those of `keys` that no row names, holding them however the store needs. */
type Claim = (keys: string[], remove: (unnamed: string[]) => Promise<void>) => Promise<void>;

/**
 * Deletes the files of a store that no row names and that are older than the grace period: those
 * written for a row that never committed (a refused post, a lost race, a crash between the write
 * and the commit). The grace period covers writes whose transaction is still open.
 * `named(keys)` returns those of `keys` that a row names; it is asked in batches. A store whose
 * keys are written again (the archive's content-addressed files) passes `claim` instead: it runs
 * `remove` on the unnamed keys while it holds them against writers (archive-files.ts).
 */
export async function sweepOrphanFiles(store: FileStore, options: { before: Date; batch?: number } & ({ named: (keys: string[]) => Promise<Set<string>> } | { claim: Claim })): Promise<number> {
  const claim: Claim = 'claim' in options ? options.claim : async (keys, remove) => {
    const known = await options.named(keys);
    await remove(keys.filter((k) => !known.has(k)));
  };
  let deleted = 0;
  let batch: string[] = [];
  const flush = async () => {
    await claim(batch, async (unnamed) => {
      for (const key of unnamed) {
        await store.delete(key);
        deleted++;
      }
    });
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
