import express, { type Express } from 'express';
import helmet from 'helmet';
import { AppError } from '../engine/index.ts';
import { catalogueRoutes } from './api/catalogue-routes.ts';
import { designerRoutes } from './api/designer-routes.ts';
import { openapi } from './api/openapi.ts';
import { requestRoutes } from './api/request-routes.ts';
import { taskRoutes } from './api/task-routes.ts';
import { tokenRoutes } from './api/token-routes.ts';
import type { AppContext } from './context.ts';
import { apiErrorHandler } from './http/errors.ts';
import { checkCsrf, identify } from './http/auth.ts';
import { createLimits } from './http/rate-limits.ts';
import { refuseUnstorableInput } from './http/storable-input.ts';
import { open311Routes } from './open311/open311-routes.ts';
import { createOps } from './ops/ops-routes.ts';
import { lastResortErrors, portal } from './pages/portal.ts';

export interface AppOptions {
  /** Requests per minute per address on sign-in, sign-up, status checks and submissions (shared by every process on the database); tests raise it. */
  rateLimit?: number;
}

/** The web application: the JSON API under /api/v1 and the server-rendered pages. */
export function createApp(ctx: AppContext, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', process.env.DOSAR_TRUST_PROXY === '1' ? 1 : false);
  app.use(helmet({
    contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null } },
  }));

  app.get('/health', async (_req, res) => {
    try {
      await ctx.db.query('select 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ error: { code: 'internal', message: 'The database does not answer' } });
    }
  });

  // Operations (server/ops/): a request id and a latency measure for every request below (liveness
  // probes above stay out of both), readiness and metrics.
  const ops = createOps(ctx);
  app.use(ops.observe, ops.routes);

  // Counted in the database, so every process on it shares one limit. Pages get theirs inside the
  // portal, after the language is known, so a refusal is the site's own page in the reader's language.
  const { guarded, submissions } = createLimits(ctx.db, options.rateLimit);

  const api = express.Router();
  api.use(express.json({ limit: '2mb' }));
  api.use(express.text({ type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit: process.env.DOSAR_MAX_XML_BYTES ? Number(process.env.DOSAR_MAX_XML_BYTES) : 5 * 1024 * 1024 }));
  api.use(refuseUnstorableInput);
  api.use(identify(ctx));
  api.use(checkCsrf);
  api.get('/status', guarded);
  api.post(['/procedures/:key/requests', '/procedures/:key/uploads'], submissions);
  api.get('/openapi.json', (_req, res) => { res.json(openapi); });
  api.use(catalogueRoutes(ctx));
  api.use(requestRoutes(ctx));
  api.use(taskRoutes(ctx));
  api.use(designerRoutes(ctx));
  api.use(tokenRoutes(ctx));
  api.use((_req, _res, next) => next(new AppError('not-found', 'No such API endpoint')));
  api.use(apiErrorHandler(ctx.log));
  app.use('/api/v1', api);
  app.use('/open311/v2', open311Routes(ctx, submissions));

  app.use(portal(ctx, { guarded, submissions }));
  // Nothing reaches express's own error page (English, with a stack and server paths).
  app.use(lastResortErrors(ctx));
  return app;
}
