import type { Database } from '../../engine/index.ts';

/**
 * One submission in two parts. `prepare` does everything slow or written by others (the engine's
 * first step and its FEEL, the request row, attached files) in its own savepoint, before any
 * number is taken; `finish` takes the number and writes it with a few cheap statements, no user
 * code, just before the commit.
 */
export interface TwoPhaseWork<P, T> {
  prepare: (tx: Database) => Promise<P>;
  finish: (tx: Database, prepared: P) => Promise<T>;
}

interface Job {
  work: TwoPhaseWork<unknown, unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 64;

/** Thrown inside the batch's transaction when a job failed: the batch runs again without it. */
class JobFailed extends Error {}

/**
 * Runs concurrent submissions together in one transaction, numbered in their registers (not the
 * engine's group commit of step writes, engine/store/group-commit.ts). Gapless registry numbers
 * keep a register's counter row locked until commit, so submissions are serialised by their commits; one
 * commit for a batch keeps the numbers gapless and consecutive while many citizens submit at once.
 *
 * The counter row is locked from the first number taken until the commit, so within a batch all
 * the `prepare`s run first, and only then, for each in order, its `finish` takes a number. No
 * expression, template or other user code runs while the lock is held, and submissions of other
 * processes wait only for the numbering and the commit. A failing `prepare` or `finish` rolls the
 * whole transaction back, numbers included, and the batch runs again without it: failures are
 * rare (the data was validated before), and a savepoint around each prepare cost two round trips
 * a submission, in the part of the batch that submissions wait for. A failing commit fails the
 * whole batch, and nothing of it is kept.
 */
export class SubmissionBatch {
  private readonly queue: Job[] = [];
  private running = false;

  constructor(private readonly db: Database) {}

  run<P, T>(work: TwoPhaseWork<P, T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work as TwoPhaseWork<unknown, unknown>, resolve: resolve as (value: unknown) => void, reject });
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

  private async runBatch(batch: Job[]): Promise<void> {
    const failed = new Map<Job, unknown>();
    // Each new attempt has one job fewer, so this ends.
    for (;;) {
      const done = new Map<Job, unknown>();
      try {
        await this.db.transaction(async (tx) => {
          const prepared: Array<[Job, unknown]> = [];
          const attempt = async (job: Job, fn: () => Promise<unknown>) => {
            try {
              return await fn();
            } catch (error) {
              failed.set(job, error);
              throw new JobFailed();
            }
          };
          for (const job of batch) {
            if (!failed.has(job)) prepared.push([job, await attempt(job, () => job.work.prepare(tx))]);
          }
          // Numbers last: from here to the commit the register's counter row is locked.
          for (const [job, value] of prepared) done.set(job, await attempt(job, () => job.work.finish(tx, value)));
        });
      } catch (error) {
        if (error instanceof JobFailed) continue;
        for (const job of batch) job.reject(failed.get(job) ?? error);
        return;
      }
      for (const job of batch) {
        if (done.has(job)) job.resolve(done.get(job));
        else job.reject(failed.get(job));
      }
      return;
    }
  }
}

const perDatabase = new WeakMap<Database, SubmissionBatch>();

export function submissionBatchFor(db: Database): SubmissionBatch {
  let batch = perDatabase.get(db);
  if (!batch) perDatabase.set(db, (batch = new SubmissionBatch(db)));
  return batch;
}
