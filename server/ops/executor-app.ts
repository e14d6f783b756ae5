import express, { type Express } from 'express';
import type { AppContext } from '../context.ts';
import { liveness } from './liveness.ts';
import { createOps } from './ops-routes.ts';

/**
 * What an executor-only process (DOSAR_PROCESS=executor) answers on its port: liveness, readiness
 * and metrics for the orchestrator and Prometheus, and 404 for everything else; the web
 * application is served by the web processes.
 */
export function createExecutorApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('env', 'production');
  app.get('/health', liveness(ctx));
  const ops = createOps(ctx);
  app.use(ops.observe, ops.routes);
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not-found', message: 'This process runs jobs and timers only (DOSAR_PROCESS=executor); the web application is served by the others' } });
  });
  return app;
}
