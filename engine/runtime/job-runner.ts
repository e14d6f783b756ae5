import type { Clock } from '../clock.ts';
import { addDuration, parseDuration } from '../core/iso-time.ts';
import type { Variables } from '../core/types.ts';
import { BpmnError, type HandlerRegistry } from '../jobs/handlers.ts';
import { Heartbeat } from '../jobs/heartbeat.ts';
import type { ClaimedJob, EnginePort } from '../ports.ts';
import { assertVariables } from '../variables.ts';
import type { OwnJobLeases } from './own-job-leases.ts';
import type { StepPipeline } from './step-pipeline.ts';

type Leased = { job: ClaimedJob; leasedUntil: number };

/**
 * Runs service-task jobs: those this process's own steps leased to it first, then due jobs it
 * claims. A job's outcome (its result, a BPMN error, a failure, an incident) is a step of its
 * instance; a lease another worker took over meanwhile records nothing.
 */
export class JobRunner {
  private readonly heartbeat: Heartbeat;
  /** A job starts only with this much of its lease left; from then on the heartbeat keeps it. */
  private readonly runMarginMs: number;

  constructor(private readonly parts: {
    store: EnginePort;
    clock: Clock;
    handlers: HandlerRegistry;
    leases: OwnJobLeases;
    steps: StepPipeline;
    runMarginMs: number;
    backoffBaseMs: number;
    onHeartbeatError?: (err: unknown) => void;
  }) {
    const { store, clock, leases, onHeartbeatError } = parts;
    this.runMarginMs = parts.runMarginMs;
    this.heartbeat = new Heartbeat({
      leaseMs: leases.leaseMs,
      now: () => clock.now().getTime(),
      extend: (jobIds, until) => store.extendJobLeases(jobIds, leases.workerId, until),
      ...(onHeartbeatError ? { onError: onHeartbeatError } : {}),
    });
  }

  /** Runs the jobs leased to this worker by its own steps; returns how many ran. */
  async runOwn(): Promise<number> {
    const { clock, leases } = this.parts;
    let ran = 0;
    for (let jobs = leases.queue.take(16, clock.now()); jobs.length > 0; jobs = leases.queue.take(16, clock.now())) {
      ran += await this.runLeased(jobs);
    }
    return ran;
  }

  /** Runs up to `limit` due jobs, own leased ones first; returns how many ran. */
  async runDue(limit: number): Promise<number> {
    const { store, clock, leases } = this.parts;
    let ran = 0;
    while (ran < limit) {
      const want = Math.min(16, limit - ran);
      const now = clock.now();
      const jobs = leases.queue.take(want, now);
      if (jobs.length < want) {
        const claimed = await store.claimJobs({ now, limit: want - jobs.length, workerId: leases.workerId, leaseMs: leases.leaseMs });
        for (const job of claimed) jobs.push({ job, leasedUntil: now.getTime() + leases.leaseMs });
      }
      ran += await this.runLeased(jobs);
      if (jobs.length < want) return ran;
    }
    return ran;
  }

  /**
   * Runs leased jobs one after another. One that waited behind a slow handler until its lease was
   * nearly out is given back instead (another worker may be taking it over just now), not run twice.
   */
  private async runLeased(jobs: Leased[]): Promise<number> {
    let ran = 0;
    const late: string[] = [];
    for (const { job, leasedUntil } of jobs) {
      if (leasedUntil - this.parts.clock.now().getTime() < this.runMarginMs) {
        late.push(job.id);
        continue;
      }
      await this.runJob(job, leasedUntil);
      ran += 1;
    }
    if (late.length > 0) await this.parts.store.releaseJobs(late, this.parts.leases.workerId);
    return ran;
  }

  private async runJob(job: ClaimedJob, leasedUntil: number): Promise<void> {
    const { store, clock, handlers, leases, steps, backoffBaseMs } = this.parts;
    const handler = handlers.get(job.handler);
    const payload = (job.payload ?? {}) as { variables?: Variables; options?: Record<string, never>; retryWaits?: string[] };
    let result: Variables | void;
    const lease = this.heartbeat.watch(job.id, leasedUntil);
    try {
      if (!handler) throw new Error(`No handler is registered under "${job.handler}"`);
      result = await handler.run({
        job: { id: job.id, instanceId: job.instanceId, elementId: job.elementId, handler: job.handler, attempts: job.attempts },
        variables: payload.variables ?? {},
        options: payload.options ?? {},
        now: clock.now(),
      });
    } catch (err) {
      this.heartbeat.unwatch(job.id);
      // Another worker has taken the job over: its outcome is theirs to record.
      if (lease.lost) return;
      if (err instanceof BpmnError) {
        await steps.run([{ instanceId: job.instanceId, command: { type: 'throwJobError', jobId: job.id, errorCode: err.errorCode, message: err.message, ...(err.variables ? { variables: err.variables } : {}) } }]);
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      const now = clock.now();
      const { exhausted } = await store.failJob({ jobId: job.id, workerId: leases.workerId, error: message, now, backoffBaseMs, retryAt: retryTime(payload.retryWaits, job.attempts, now) });
      if (exhausted) await steps.run([{ instanceId: job.instanceId, command: { type: 'raiseIncident', jobId: job.id, message } }]);
      return;
    }
    this.heartbeat.unwatch(job.id);
    if (lease.lost) return;
    await steps.run([{ instanceId: job.instanceId, command: { type: 'completeJob', jobId: job.id, variables: assertVariables(result ?? {}, 'handler result') } }]);
  }
}

/** When a failed job runs again under its model's retry waits: the wait after attempt n is the n-th, the last repeating. */
function retryTime(waits: string[] | undefined, attempts: number, now: Date): Date | undefined {
  if (!waits?.length) return undefined;
  return addDuration(now, parseDuration(waits[Math.min(Math.max(attempts, 1), waits.length) - 1]!));
}
