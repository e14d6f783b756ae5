import type { Database } from '../../engine/index.ts';

interface Job<P, T> {
  prepare: (tx: Database) => Promise<P>;
  resolve: (value: T) => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 64;

/** Thrown inside the batch's transaction when a job's prepare failed: the batch runs again without it. */
class PrepareFailed extends Error {}
/** Thrown inside the batch's transaction when numbering the batch failed: each job then runs alone. */
class FinishFailed extends Error {
  constructor(readonly error: unknown) { super('finish failed'); }
}

/**
 * Runs concurrent submissions together in one transaction, numbered in their registers (not the
 * engine's group commit of step writes, engine/store/group-commit.ts). Gapless registry numbers
 * keep a register's counter row locked until commit, so submissions are serialised by their commits; one
 * commit for a batch keeps the numbers gapless and consecutive while many citizens submit at once.
 *
 * Each submission's `prepare` does what is its own (its attached files); then `finish` accepts the
 * whole batch, in the order of its submissions, with a few statements for all of them: first
 * whatever runs user code (the instances' first steps and their FEEL), then the numbers, taken
 * last with plain SQL (submit-request.ts). The counter row is locked from the numbering until the
 * commit, so no expression, template or other user code runs while it is held, and submissions of
 * other processes wait only for the numbering and the commit. A failing `prepare` rolls the whole
 * transaction back and the batch runs again without it: failures are rare (the data was validated
 * before), and a savepoint around each prepare cost two round trips a submission. A failing
 * `finish` runs each submission of the batch alone, so it fails only the one that caused it. A
 * failing commit fails the whole batch, and nothing of it is kept.
 */
export class SubmissionBatch<P, T> {
  private readonly queue: Array<Job<P, T>> = [];
  private running = false;

  constructor(private readonly db: Database, private readonly finish: (tx: Database, prepared: P[]) => Promise<T[]>) {}

  run(prepare: (tx: Database) => Promise<P>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ prepare, resolve, reject });
      if (!this.running) {
        // Start on the next microtask, so everything submitted in this tick shares the first batch.
        this.running = true;
        queueMicrotask(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.runBatch(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.running = false;
    }
  }

  private async runBatch(batch: Array<Job<P, T>>): Promise<void> {
    const failed = new Map<Job<P, T>, unknown>();
    // Each new attempt has one job fewer, so this ends.
    for (;;) {
      const kept = batch.filter((job) => !failed.has(job));
      let results: T[] = [];
      try {
        await this.db.transaction(async (tx) => {
          const prepared: P[] = [];
          for (const job of kept) {
            try {
              prepared.push(await job.prepare(tx));
            } catch (error) {
              failed.set(job, error);
              throw new PrepareFailed();
            }
          }
          // Numbers last: from here to the commit the register's counter row is locked.
          if (prepared.length > 0) results = await this.finish(tx, prepared).catch((error: unknown) => { throw new FinishFailed(error); });
        }, { hot: true });
      } catch (error) {
        if (error instanceof PrepareFailed) continue;
        if (error instanceof FinishFailed && kept.length > 1) {
          for (const job of kept) await this.runBatch([job]);
        } else {
          for (const job of kept) job.reject(error instanceof FinishFailed ? error.error : error);
        }
        for (const [job, reason] of failed) job.reject(reason);
        return;
      }
      kept.forEach((job, i) => job.resolve(results[i]!));
      for (const [job, reason] of failed) job.reject(reason);
      return;
    }
  }
}
