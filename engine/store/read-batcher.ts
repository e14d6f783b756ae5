import { groupCommit, type GroupCommitOptions } from './group-commit.ts';

/**
 * Lookups by key that arrive in one turn of the event loop share one query (`where id = any($1)`),
 * as steps share their write (group-commit.ts): steps whose instance is not in the process's cache
 * then cost one round trip per group, not one each. A lookup whose shared query fails is retried
 * alone, so an error (a malformed id) reaches only its own caller. Hot lookups on the request path
 * pass `maxInFlight: 1`: while one query runs, later lookups wait and share the next (HTTP
 * submissions at 16 clients: 0.15 instead of ~0.4 statements a request per lookup).
 */
export function batchedLookup<V>(lookup: (keys: string[]) => Promise<Map<string, V>>, options: Pick<GroupCommitOptions<string>, 'maxInFlight'> = {}): (key: string) => Promise<V | undefined> {
  return groupCommit<string, V | undefined>(async (keys) => {
    const found = await lookup([...new Set(keys)]);
    return keys.map((k) => found.get(k));
  }, options);
}
