import type { Database } from '../../engine/store/database.ts';

type Work<T> = (tx: Database) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 64;

/**
 * Runs the work of concurrent submissions together in one transaction, each in its own savepoint.
 * Gapless registry numbers keep a register's counter row locked until commit, so submissions are
 * serialised by their commits; one commit for a batch keeps the numbers gapless and consecutive
 * while many citizens submit at once. A failing submission rolls back only its savepoint (its
 * number included); a failing commit fails the whole batch, and nothing of it is kept.
 */
export class GroupCommit {
  private readonly queue: Job[] = [];
  private running = false;

  constructor(private readonly db: Database) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) {
        // Start on the next microtask, so everything submitted in this tick shares the first batch.
        this.running = true;
        queueMicrotask(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
        try {
          await this.db.transaction(async (tx) => {
            for (const job of batch) {
              try {
                outcomes.push({ ok: true, value: await tx.transaction((inner) => job.work(inner)) });
              } catch (error) {
                outcomes.push({ ok: false, error });
              }
            }
          });
        } catch (error) {
          for (const job of batch) job.reject(error);
          continue;
        }
        batch.forEach((job, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) job.resolve(outcome.value);
          else job.reject(outcome.error);
        });
      }
    } finally {
      this.running = false;
    }
  }
}

const perDatabase = new WeakMap<Database, GroupCommit>();

export function groupCommitFor(db: Database): GroupCommit {
  let group = perDatabase.get(db);
  if (!group) perDatabase.set(db, (group = new GroupCommit(db)));
  return group;
}
