import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppError, localDate } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { countOverdueRequests } from '../quality/early-warning-store.ts';

/**
 * Prometheus metrics. Two registries: the process's (Node's own metrics, the engine's step counter
 * and the job executor's counters, which main.ts feeds) exists once; each application built by
 * createApp has its own (HTTP latency, gauges read at scrape time), so tests that build many apps
 * in one process do not collide.
 */
let processRegistry: Registry | undefined;
let processCounters: { jobs: Counter; timers: Counter; steps: Counter } | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
    processCounters = {
      jobs: new Counter({ name: 'dosar_jobs_run_total', help: 'Jobs (service tasks) run by this process\'s executor', registers: [processRegistry] }),
      timers: new Counter({ name: 'dosar_timers_fired_total', help: 'Timers fired by this process\'s executor', registers: [processRegistry] }),
      steps: new Counter({ name: 'dosar_engine_steps_total', help: 'Engine steps (one instance\'s state written) this process committed', registers: [processRegistry] }),
    };
  }
  return processRegistry;
}

/** The executor's onRun: counts its work (rates come from Prometheus: rate(dosar_jobs_run_total[1m])). */
export function countExecutorRun(ran: { timers: number; jobs: number }): void {
  processMetrics();
  processCounters!.jobs.inc(ran.jobs);
  processCounters!.timers.inc(ran.timers);
}

/** The engine's onStepsCommitted (rate(dosar_engine_steps_total[1m]) is steps per second). */
export function countStepsCommitted(steps: number): void {
  processMetrics();
  processCounters!.steps.inc(steps);
}

export interface AppMetrics {
  /** Times every request, labelled by route pattern and status class. */
  observe: RequestHandler;
  /** The same for a request answered outside express, whose route pattern is known beforehand. */
  time: (method: string, route: string, res: ServerResponse) => void;
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
  const gauges: ScrapeGauges = {
    overdueRequests: new Gauge({ name: 'dosar_overdue_requests', help: 'Open citizen requests past their legal term (running, not suspended) per department', labelNames: ['department'], registers: [registry] }),
    jobLag: new Gauge({ name: 'dosar_job_lag_seconds', help: 'How long the oldest ready job has been due (0 when none is)', registers: [registry] }),
    timerLag: new Gauge({ name: 'dosar_timer_lag_seconds', help: 'How long the oldest timer not yet fired has been due (0 when none is)', registers: [registry] }),
    pool: new Gauge({ name: 'dosar_db_pool_connections', help: 'Database connections of this process: total, idle, and requests waiting for one', labelNames: ['state'], registers: [registry] }),
  };

  const timed = (method: string, res: ServerResponse, route: () => string) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe({ method, route: route(), status: `${Math.floor(res.statusCode / 100)}xx` }, seconds);
    });
  };
  const observe: RequestHandler = (req, res, next) => {
    timed(req.method, res, () => routePattern(req, res));
    next();
  };
  const time = (method: string, route: string, res: ServerResponse) => timed(method, res, () => route);

  const scrape: RequestHandler = async (req, res, next) => {
    try {
      assertMetricsToken(ctx.config.metricsToken, req.get('authorization'));
      await countTasks(ctx, open, overdue);
      await readScrapeGauges(ctx, gauges);
      const merged = Registry.merge([registry, processMetrics()]);
      res.set('Content-Type', merged.contentType).set('Cache-Control', 'no-store').send(await merged.metrics());
    } catch (err) {
      next(err);
    }
  };
  return { observe, time, scrape };
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

interface ScrapeGauges { overdueRequests: Gauge; jobLag: Gauge; timerLag: Gauge; pool: Gauge }

/**
 * Lag, overdue requests and the pool, as of the engine's clock. The lags are two index reads
 * (ready jobs by `run_at`, timers by `due_at`, on the engine's read views); a job whose handler is
 * running still counts until it is done.
 */
async function readScrapeGauges(ctx: AppContext, g: ScrapeGauges): Promise<void> {
  const now = ctx.engine.clock.now();
  const [lag] = await ctx.db.query<{ job: string | null; timer: string | null }>(
    `select extract(epoch from $1::timestamptz - (select min(run_at) from engine_jobs_v where status = 'ready' and run_at <= $1)) as job,
       extract(epoch from $1::timestamptz - (select min(due_at) from engine_timers_v where due_at <= $1)) as timer`,
    [now]);
  g.jobLag.set(Number(lag?.job ?? 0));
  g.timerLag.set(Number(lag?.timer ?? 0));
  g.overdueRequests.reset();
  for (const r of await countOverdueRequests(ctx.db, localDate(now))) g.overdueRequests.set({ department: r.department }, r.overdue);
  const pool = ctx.db.poolStats();
  for (const state of ['total', 'idle', 'waiting'] as const) g.pool.set({ state }, pool[state]);
}
