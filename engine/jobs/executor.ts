import type { Engine } from '../engine.ts';

/**
 * Polls for due timers and jobs. Several processes may run one each against the same PostgreSQL:
 * claims use FOR UPDATE SKIP LOCKED, so no timer fires twice and no job runs twice at once.
 * Jobs this process's own steps enqueue are leased to it as they are written and run at once,
 * between polls; on stop, those not yet run are given back.
 */
export function startExecutor(engine: Engine, options: {
  intervalMs?: number;
  onError?: (err: unknown) => void;
  /** Told how many timers fired and jobs ran after each round that did any (metrics count them). */
  onRun?: (ran: { timers: number; jobs: number }) => void;
} = {}): { stop: () => Promise<void> } {
  const intervalMs = options.intervalMs ?? 1000;
  let stopped = false;
  let woken = false;
  let wake: (() => void) | undefined;
  engine.leaseOwnJobs(() => {
    woken = true;
    wake?.();
  });
  const loop = (async () => {
    let nextPoll = 0;
    while (!stopped) {
      woken = false;
      try {
        if (Date.now() >= nextPoll) {
          nextPoll = Date.now() + intervalMs;
          const ran = await engine.tick();
          if (ran.timers + ran.jobs > 0) options.onRun?.(ran);
        } else {
          const jobs = await engine.runOwnJobs();
          if (jobs > 0) options.onRun?.({ timers: 0, jobs });
        }
      } catch (err) {
        options.onError?.(err);
      }
      if (woken || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, nextPoll - Date.now()));
        wake = () => {
          wake = undefined;
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await engine.releaseOwnJobs().catch((err) => options.onError?.(err));
    },
  };
}
