/**
 * Group commit: an item is sent at once while fewer than `maxInFlight` statements run; items that
 * arrive meanwhile wait and travel together in the next statement. A lone caller waits for
 * nothing, and concurrent callers share the per-statement costs (round trip, executor start,
 * table locks, commit and WAL flush). Each item resolves only after its statement committed. When
 * a shared statement fails, nothing of it was written, and each item is retried alone so an error
 * reaches only the caller whose item caused it.
 */
export interface GroupCommitOptions<T> {
  /** Statements running at once (petition bench at 16 clients: 2 as good as or better than 1; 3, 4 and 8 slower). */
  maxInFlight?: number;
  /** Items in one statement at most. */
  maxBatch?: number;
  /** Items with the same key never share a statement; a later one waits for the next. */
  key?: (item: T) => string;
}

interface Pending<T, R> { item: T; resolve: (result: R) => void; reject: (err: unknown) => void }

export function groupCommit<T, R>(run: (items: T[]) => Promise<R[]>, options: GroupCommitOptions<T> = {}): (item: T) => Promise<R> {
  const maxInFlight = options.maxInFlight ?? 2;
  const maxBatch = options.maxBatch ?? 64;
  let queue: Array<Pending<T, R>> = [];
  let inFlight = 0;

  /** Up to maxBatch items with distinct keys, oldest first. */
  function take(): Array<Pending<T, R>> {
    const batch: Array<Pending<T, R>> = [];
    const rest: Array<Pending<T, R>> = [];
    const keys = new Set<string>();
    for (const p of queue) {
      const key = options.key?.(p.item);
      if (batch.length < maxBatch && (key === undefined || !keys.has(key))) {
        if (key !== undefined) keys.add(key);
        batch.push(p);
      } else {
        rest.push(p);
      }
    }
    queue = rest;
    return batch;
  }

  async function send(batch: Array<Pending<T, R>>): Promise<void> {
    try {
      const results = await run(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      for (const p of batch) await send([p]);
    }
  }

  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = take();
      inFlight += 1;
      void send(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  }

  return (item) => new Promise<R>((resolve, reject) => {
    queue.push({ item, resolve, reject });
    pump();
  });
}
