/** A running job's lease as this process knows it. */
export interface RunningLease {
  /** When the lease ends (ms since the epoch, on the engine's clock). */
  leasedUntil: number;
  /** Another worker took the job over (or it is gone): its outcome must not be recorded. */
  lost: boolean;
}

export interface HeartbeatOptions {
  leaseMs: number;
  now: () => number;
  /** Extends the leases still held by this worker; returns the ids it still holds. */
  extend: (jobIds: string[], until: Date) => Promise<string[]>;
  onError?: (err: unknown) => void;
}

/**
 * Keeps the leases of long-running handlers alive, so a lease can be short (a dead worker's job is
 * taken over within seconds) without a slow handler losing its job. One shared timer sweeps every
 * lease/6 and renews, in one statement, the leases of which a third has gone by; a quick handler
 * costs a map entry and nothing else. The timer stops once a sweep finds no job running.
 */
export class Heartbeat {
  private readonly running = new Map<string, RunningLease>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private beating = false;

  constructor(private readonly options: HeartbeatOptions) {}

  watch(jobId: string, leasedUntil: number): RunningLease {
    const lease: RunningLease = { leasedUntil, lost: false };
    this.running.set(jobId, lease);
    if (!this.timer) {
      this.timer = setInterval(() => void this.beat(), Math.max(10, Math.floor(this.options.leaseMs / 6)));
      // A CLI tick or a test must be able to end while the timer is armed.
      this.timer.unref();
    }
    return lease;
  }

  unwatch(jobId: string): void {
    this.running.delete(jobId);
  }

  /** Renews the leases that need it now; exposed for tests. */
  async beat(): Promise<void> {
    if (this.running.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.beating) return;
    const now = this.options.now();
    const renewAt = (this.options.leaseMs * 2) / 3;
    const due = [...this.running].filter(([, lease]) => !lease.lost && lease.leasedUntil - now <= renewAt);
    if (due.length === 0) return;
    this.beating = true;
    try {
      const until = now + this.options.leaseMs;
      const kept = new Set(await this.options.extend(due.map(([id]) => id), new Date(until)));
      for (const [id, lease] of due) {
        if (kept.has(id)) lease.leasedUntil = until;
        else lease.lost = true;
      }
    } catch (err) {
      // A failed renewal is tried again at the next sweep; the lease may still run out meanwhile.
      this.options.onError?.(err);
    } finally {
      this.beating = false;
    }
  }
}
