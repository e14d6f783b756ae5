import { Router, type RequestHandler } from 'express';
import type { AppContext } from '../context.ts';
import { apiErrorHandler } from '../http/errors.ts';
import { createMetrics, type AppMetrics } from './metrics.ts';
import { assertReady, isStopping } from './readiness.ts';
import { assignRequestId } from './request-context.ts';

/**
 * What operations need from the web application: a request id and a latency measure on every
 * request (`observe`, mounted before every router), readiness and metrics (`routes`). Liveness
 * (`/health`) stays in app.ts: it must answer even when nothing else is wired.
 */
export interface Ops {
  observe: RequestHandler[];
  routes: Router;
  /** Times a request answered outside express, under its route pattern. */
  time: AppMetrics['time'];
}

export function createOps(ctx: AppContext): Ops {
  const metrics = createMetrics(ctx);
  const routes = Router();
  // Anyone: a load balancer asks it before sending traffic.
  routes.get('/health/ready', async (_req, res, next) => {
    try {
      await assertReady(ctx.db);
      res.set('Cache-Control', 'no-store').json({ status: 'ready' });
    } catch (err) {
      next(err);
    }
  });
  // Anyone holding DOSAR_METRICS_TOKEN (a Prometheus server); without the setting, nobody (404).
  routes.get('/metrics', metrics.scrape);
  routes.use(apiErrorHandler(ctx.log));
  // While stopping, keep-alive connections end after their response, so clients reconnect elsewhere.
  const closeWhenStopping: RequestHandler = (_req, res, next) => {
    if (isStopping()) res.set('Connection', 'close');
    next();
  };
  return { observe: [assignRequestId(), metrics.observe, closeWhenStopping], routes, time: metrics.time };
}
