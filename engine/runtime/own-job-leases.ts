import type { Effect } from '../core/types.ts';
import { OwnJobs } from '../jobs/own-jobs.ts';
import type { ClaimedJob, EnginePort, StepWrite } from '../ports.ts';

export type JobLease = NonNullable<StepWrite['jobLease']>;

/**
 * Whether this process leases to itself the jobs its own steps enqueue (`start`, see
 * `Engine.leaseOwnJobs`), and the queue of those leased jobs not yet run (engine/jobs/own-jobs.ts).
 * The step pipeline asks it for each write's lease; the job runner takes from its queue.
 */
export class OwnJobLeases {
  readonly queue: OwnJobs;
  private leasing = false;

  constructor(private readonly store: EnginePort, readonly workerId: string, readonly leaseMs: number, runMarginMs: number) {
    this.queue = new OwnJobs(runMarginMs);
  }

  start(onAdded?: () => void): void {
    this.leasing = true;
    this.queue.onAdded(onAdded);
  }

  /** Stops leasing and gives back the leased jobs not yet run, so any worker may claim them at once. */
  async stop(): Promise<void> {
    this.leasing = false;
    this.queue.onAdded(undefined);
    await this.store.releaseJobs(this.queue.drain().map((j) => j.id), this.workerId);
  }

  /** The lease a step's write carries, if it enqueues jobs due by its `now` and this process leases its own. */
  leaseFor(instanceId: string, effects: Effect[], now: Date): { jobs: ClaimedJob[]; lease: JobLease } | undefined {
    if (!this.leasing) return undefined;
    const jobs = leasedJobs(instanceId, effects, now);
    if (jobs.length === 0) return undefined;
    return { jobs, lease: { workerId: this.workerId, until: new Date(now.getTime() + this.leaseMs), jobIds: jobs.map((j) => j.id) } };
  }

  /**
   * After a step's write through `port`: its leased jobs join the queue once it has committed (a
   * write on its own has by now; one in a transaction waits for it), and jobs it cancelled leave.
   */
  written(port: EnginePort, leased: { jobs: ClaimedJob[]; lease: JobLease } | undefined, effects: Effect[]): void {
    if (leased) port.afterCommit(() => this.queue.add(leased.jobs, leased.lease.until));
    if (this.queue.size > 0) this.queue.forget(effects.flatMap((e) => (e.type === 'job.cancel' ? [e.jobId] : [])));
  }
}

/** The jobs a step leased to this worker (enqueued due by its `now`), as a claim would return them. */
function leasedJobs(instanceId: string, effects: Effect[], now: Date): ClaimedJob[] {
  const at = now.toISOString();
  const jobs: ClaimedJob[] = [];
  for (const e of effects) if (e.type === 'job.enqueue' && e.job.runAt <= at) jobs.push({ ...e.job, instanceId, attempts: 1 });
  if (jobs.length === 0) return jobs;
  const cancelled = new Set(effects.flatMap((e) => (e.type === 'job.cancel' ? [e.jobId] : [])));
  return jobs.filter((j) => !cancelled.has(j.id));
}
