import type { Engine } from '../engine.ts';

/**
 * Polls for due timers and jobs. Several processes may run one each against the same PostgreSQL:
 * claims use FOR UPDATE SKIP LOCKED, so no timer fires twice and no job runs twice at once.
 */
export function startExecutor(engine: Engine, options: { intervalMs?: number; onError?: (err: unknown) => void } = {}): { stop: () => Promise<void> } {
  const intervalMs = options.intervalMs ?? 1000;
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await engine.tick();
      } catch (err) {
        options.onError?.(err);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => { clearTimeout(timer); resolve(); };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
