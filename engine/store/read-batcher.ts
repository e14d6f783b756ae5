import { groupCommit } from './group-commit.ts';

/**
 * Lookups by key that arrive in one turn of the event loop share one query (`where id = any($1)`),
 * as steps share their write (group-commit.ts): steps whose instance is not in the process's cache
 * then cost one round trip per group, not one each. A lookup whose shared query fails is retried
 * alone, so an error (a malformed id) reaches only its own caller.
 */
export function batchedLookup<V>(lookup: (keys: string[]) => Promise<Map<string, V>>): (key: string) => Promise<V | undefined> {
  return groupCommit<string, V | undefined>(async (keys) => {
    const found = await lookup([...new Set(keys)]);
    return keys.map((k) => found.get(k));
  });
}
