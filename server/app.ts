import express, { type Express } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import { AppError } from '../engine/errors.ts';
import { catalogueRoutes } from './api/catalogue-routes.ts';
import { designerRoutes } from './api/designer-routes.ts';
import { openapi } from './api/openapi.ts';
import { requestRoutes } from './api/request-routes.ts';
import { taskRoutes } from './api/task-routes.ts';
import type { AppContext } from './context.ts';
import { apiErrorHandler } from './http/errors.ts';
import { checkCsrf, identify } from './http/auth.ts';
import { portal } from './pages/portal.ts';

export interface AppOptions {
  /** Requests per minute per address on sign-in, sign-up, status checks and submissions; tests raise it. */
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
    await ctx.db.query('select 1');
    res.json({ status: 'ok' });
  });

  const limiter = (perMinute: number) => rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('rate-limited', 'Prea multe încercări; reveniți peste un minut. / Too many attempts; try again in a minute.')),
  });
  // Guessing passwords and status codes is slow by design; filling a form takes a post per step or row.
  const guarded = limiter(options.rateLimit ?? 20);
  const submissions = limiter(options.rateLimit ?? 120);
  app.post(['/login', '/signup'], guarded);
  app.get('/status', guarded);
  app.post('/proceduri/:key', submissions);

  const api = express.Router();
  api.use(express.json({ limit: '2mb' }));
  api.use(express.text({ type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit: process.env.DOSAR_MAX_XML_BYTES ? Number(process.env.DOSAR_MAX_XML_BYTES) : 5 * 1024 * 1024 }));
  api.use(identify(ctx));
  api.use(checkCsrf);
  api.get('/status', guarded);
  api.post(['/procedures/:key/requests', '/procedures/:key/uploads'], submissions);
  api.get('/openapi.json', (_req, res) => { res.json(openapi); });
  api.use(catalogueRoutes(ctx));
  api.use(requestRoutes(ctx));
  api.use(taskRoutes(ctx));
  api.use(designerRoutes(ctx));
  api.use((_req, _res, next) => next(new AppError('not-found', 'No such API endpoint')));
  api.use(apiErrorHandler(ctx.log));
  app.use('/api/v1', api);

  app.use(portal(ctx));
  return app;
}
