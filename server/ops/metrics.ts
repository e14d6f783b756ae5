import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';

/**
 * Prometheus metrics. Two registries: the process's (Node's own metrics, and the job executor's
 * counters, which main.ts feeds) exists once; each application built by createApp has its own
 * (HTTP latency, task gauges), so tests that build many apps in one process do not collide.
 */
let processRegistry: Registry | undefined;
let executorCounters: { jobs: Counter; timers: Counter } | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
    executorCounters = {
      jobs: new Counter({ name: 'dosar_jobs_run_total', help: 'Jobs (service tasks) run by this process\'s executor', registers: [processRegistry] }),
      timers: new Counter({ name: 'dosar_timers_fired_total', help: 'Timers fired by this process\'s executor', registers: [processRegistry] }),
    };
  }
  return processRegistry;
}

/** The executor's onRun: counts its work (rates come from Prometheus: rate(dosar_jobs_run_total[1m])). */
export function countExecutorRun(ran: { timers: number; jobs: number }): void {
  processMetrics();
  executorCounters!.jobs.inc(ran.jobs);
  executorCounters!.timers.inc(ran.timers);
}

export interface AppMetrics {
  /** Times every request, labelled by route pattern and status class. */
  observe: RequestHandler;
  /** GET /metrics: the text format, behind DOSAR_METRICS_TOKEN. */
  scrape: RequestHandler;
}

export function createMetrics(ctx: AppContext): AppMetrics {
  const registry = new Registry();
  const duration = new Histogram({
    name: 'dosar_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and status class',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const open = new Gauge({ name: 'dosar_open_tasks', help: 'Open tasks per department (candidate group)', labelNames: ['department'], registers: [registry] });
  const overdue = new Gauge({ name: 'dosar_overdue_tasks', help: 'Open tasks past their due date per department', labelNames: ['department'], registers: [registry] });

  const observe: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe({ method: req.method, route: routePattern(req, res), status: `${Math.floor(res.statusCode / 100)}xx` }, seconds);
    });
    next();
  };

  const scrape: RequestHandler = async (req, res, next) => {
    try {
      assertMetricsToken(ctx.config.metricsToken, req.get('authorization'));
      await countTasks(ctx, open, overdue);
      const merged = Registry.merge([registry, processMetrics()]);
      res.set('Content-Type', merged.contentType).set('Cache-Control', 'no-store').send(await merged.metrics());
    } catch (err) {
      next(err);
    }
  };
  return { observe, scrape };
}

/**
 * The route as declared (`/api/v1/requests/:id`), never the URL: ids in labels would make a new
 * series per request. Requests no route answered (static files, 404s) share one label.
 */
function routePattern(req: Request, res: Response): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (!route || route.path === undefined) return res.statusCode === 404 ? 'unmatched' : 'other';
  const path = Array.isArray(route.path) ? route.path.join('|') : String(route.path);
  return `${req.baseUrl}${path}`;
}

/** No token set: the endpoint does not exist. Compared in constant time (hashes of equal length). */
function assertMetricsToken(token: string | undefined, authorization: string | undefined): void {
  if (!token) throw new AppError('not-found', { ro: 'Pagina nu există.', en: 'No such page.' });
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (!timingSafeEqual(digest(given), digest(token))) {
    throw new AppError('unauthorized', { ro: 'Lipsește tokenul pentru metrici sau este greșit.', en: 'The metrics token is missing or wrong.' });
  }
}

/** Computed at scrape time in one query on the engine's read view, grouped by candidate group. */
async function countTasks(ctx: AppContext, open: Gauge, overdue: Gauge): Promise<void> {
  const rows = await ctx.db.query<{ department: string; open: string; overdue: string }>(
    `select g as department, count(*) as open, count(*) filter (where t.due < $1) as overdue
     from engine_tasks_v t cross join lateral unnest(t.candidate_groups) as g
     where t.status = 'open' group by g`,
    [ctx.engine.clock.now()],
  );
  open.reset();
  overdue.reset();
  for (const r of rows) {
    open.set({ department: r.department }, Number(r.open));
    overdue.set({ department: r.department }, Number(r.overdue));
  }
}
