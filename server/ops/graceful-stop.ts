import type { Server } from 'node:http';

/**
 * Stops an HTTP server the way a rolling deploy needs: no new connections, idle keep-alive
 * connections closed at once, requests in flight answered. Those still running after `timeoutMs`
 * are cut (their clients see a reset, as after a crash, and were never acknowledged), so a stuck
 * request cannot hold the process past its orchestrator's grace period.
 */
export function closeHttpServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** DOSAR_STOP_TIMEOUT_MS: how long a stop waits for requests in flight (default 10 000 ms). */
export function stopTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.DOSAR_STOP_TIMEOUT_MS ?? 10_000);
  return Number.isFinite(ms) && ms >= 0 ? ms : 10_000;
}
