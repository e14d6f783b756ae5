import type { ClaimedJob } from '../ports.ts';

/**
 * Jobs this process's own steps created already leased to it, in the step's own statement: they
 * run without a claim round trip (and at once, where an executor waits for them). A lease that
 * ran out before the job was taken is left to the ordinary claim, which may give it to any worker;
 * if the process stops or dies first, the lease runs out and another worker takes the job over.
 */
export class OwnJobs {
  private queue: Array<{ job: ClaimedJob; leasedUntil: number }> = [];
  private listener: (() => void) | undefined;

  constructor(private readonly marginMs: number) {}

  /** Called whenever jobs are added (an executor's wake-up). */
  onAdded(listener: (() => void) | undefined): void {
    this.listener = listener;
  }

  add(jobs: ClaimedJob[], leasedUntil: Date): void {
    if (jobs.length === 0) return;
    for (const job of jobs) this.queue.push({ job, leasedUntil: leasedUntil.getTime() });
    this.listener?.();
  }

  /** Drops jobs a step of this process cancelled (their rows are gone): they must not run. */
  forget(jobIds: string[]): void {
    if (jobIds.length === 0 || this.queue.length === 0) return;
    const gone = new Set(jobIds);
    this.queue = this.queue.filter((q) => !gone.has(q.job.id));
  }

  /** Up to `limit` jobs whose lease still has a margin left at `now`, oldest first, with their lease's end. */
  take(limit: number, now: Date): Array<{ job: ClaimedJob; leasedUntil: number }> {
    const usable = now.getTime() + this.marginMs;
    const taken: Array<{ job: ClaimedJob; leasedUntil: number }> = [];
    while (taken.length < limit && this.queue.length > 0) {
      const next = this.queue.shift()!;
      if (next.leasedUntil > usable) taken.push(next);
    }
    return taken;
  }

  /** Empties the queue: the jobs the caller must give back (release) or leave to their lease. */
  drain(): ClaimedJob[] {
    const jobs = this.queue.map((q) => q.job);
    this.queue = [];
    return jobs;
  }

  get size(): number {
    return this.queue.length;
  }
}
