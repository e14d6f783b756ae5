import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import express, { type Express } from 'express';
import { AppError } from '../engine/index.ts';
import { archiveRoutes } from './api/archive-routes.ts';
import { qualityRoutes } from './api/quality-routes.ts';
import { catalogueRoutes } from './api/catalogue-routes.ts';
import { designerRoutes } from './api/designer-routes.ts';
import { signalRoutes } from './api/signal-routes.ts';
import { conditionRoutes } from './api/condition-routes.ts';
import { openapi } from './api/openapi.ts';
import { PAYMENT_NOTIFICATION_ROUTE, paymentNotificationEndpoint } from './api/payment-routes.ts';
import { bindPaymentStep } from './payments/payment-step.ts';
import { prefetchLatestPackage, requestRoutes, SUBMISSION_ROUTES } from './api/request-routes.ts';
import { JSON_BODY_LIMIT, submissionDoor } from './api/submission-door.ts';
import { taskRoutes } from './api/task-routes.ts';
import { tokenRoutes } from './api/token-routes.ts';
import type { AppContext } from './context.ts';
import { apiErrorHandler } from './http/errors.ts';
import { checkCsrf, identify, lookUpCaller } from './http/auth.ts';
import { createLimits, type LimitSettings } from './http/rate-limits.ts';
import { strictTransportSecurity } from './http/hsts.ts';
import { securityHeaders } from './http/security-headers.ts';
import { refuseUnstorableInput } from './http/storable-input.ts';
import { open311Routes } from './open311/open311-routes.ts';
import { liveness } from './ops/liveness.ts';
import { createOps } from './ops/ops-routes.ts';
import { requestIdOf } from './ops/request-context.ts';
import { lastResortErrors, portal } from './pages/portal.ts';

export interface AppOptions {
  /** Requests per minute per address (shared by every process on the database): each budget, or one number for all (tests raise it). */
  rateLimit?: number | Partial<LimitSettings>;
}

/** The web application: the JSON API under /api/v1 and the server-rendered pages. */
export function createApp(ctx: AppContext, options: AppOptions = {}): Express {
  // The payment step's handler creates orders with this context (main.ts binds it before jobs run, too).
  bindPaymentStep(ctx);
  const app = express();
  app.disable('x-powered-by');
  // Should anything ever reach express's own final handler, it prints no stack (it does outside "production").
  app.set('env', 'production');
  // Behind a reverse proxy (DOSAR_TRUST_PROXY=1) its X-Forwarded-For/-Proto are believed: the
  // client's address for the rate limits, and whether the request came over https.
  app.set('trust proxy', ctx.config.trustProxy ? 1 : false);
  app.use(securityHeaders);
  app.use(strictTransportSecurity(ctx.config.publicUrl));

  app.get('/health', liveness(ctx));

  // Operations (server/ops/): a request id and a latency measure for every request below (liveness
  // probes above stay out of both), readiness and metrics.
  const ops = createOps(ctx);
  app.use(ops.observe, ops.routes);

  // Counted in the database, so every process on it shares one limit. Pages get theirs inside the
  // portal, after the language is known, so a refusal is the site's own page in the reader's language.
  const limits = createLimits(ctx.db, options.rateLimit);

  const api = express.Router();
  // A provider's signed notifications are answered outside express (server/api/payment-routes.ts):
  // by the front door of `listen` below, and here, before any body parser, for what it does not
  // take (a server built on the app some other way, a path it cannot read).
  const notifications = paymentNotificationEndpoint(ctx, ops);
  // API clients' JSON submissions, likewise (server/api/submission-door.ts); express answers the rest.
  const submissions = submissionDoor(ctx, ops, limits.submissionHit);
  api.post(PAYMENT_NOTIFICATION_ROUTE.replace(/^\/api\/v1/, ''), (req, res) => notifications(req, res, { provider: req.params.provider as string, requestId: requestIdOf(res)! }));
  // Started before the body is read, and in parallel: who calls, the submission's rate-limit hit
  // and its procedure's latest version (each a round trip; in a row they kept a citizen waiting).
  api.use(lookUpCaller(ctx));
  api.post(SUBMISSION_ROUTES, prefetchLatestPackage(ctx), limits.submissions);
  api.use(express.json({ limit: JSON_BODY_LIMIT }));
  api.use(express.text({ type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit: process.env.DOSAR_MAX_XML_BYTES ? Number(process.env.DOSAR_MAX_XML_BYTES) : 5 * 1024 * 1024 }));
  api.use(refuseUnstorableInput);
  api.use(identify(ctx));
  // A browser session still on a one-time password gets nothing from the API until it is changed.
  api.use((req, _res, next) => next(req.mustChangePassword ? new AppError('forbidden', { ro: 'Schimbați întâi parola temporară.', en: 'Change the one-time password first.' }) : undefined));
  api.use(checkCsrf);
  api.get('/status', limits.status);
  api.get('/openapi.json', (_req, res) => { res.json(openapi); });
  api.use(catalogueRoutes(ctx));
  api.use(requestRoutes(ctx));
  api.use(taskRoutes(ctx));
  api.use(designerRoutes(ctx));
  api.use(signalRoutes(ctx));
  api.use(conditionRoutes(ctx));
  api.use(tokenRoutes(ctx));
  api.use(archiveRoutes(ctx));
  api.use(qualityRoutes(ctx));
  api.use((_req, _res, next) => next(new AppError('not-found', 'No such API endpoint')));
  api.use(apiErrorHandler(ctx.log));
  app.use('/api/v1', api);
  app.use('/open311/v2', open311Routes(ctx, limits.submissions));

  app.use(portal(ctx, limits));
  // Nothing reaches express's own error page (English, with a stack and server paths).
  app.use(lastResortErrors(ctx));
  // express's own listen is http.createServer(app).listen: the same, with the front door before the app.
  const frontDoor = (req: IncomingMessage, res: ServerResponse) => {
    if (notifications.answers(req)) notifications(req, res);
    else if (submissions.answers(req)) submissions(req, res);
    else void app(req, res);
  };
  app.listen = ((...args: Parameters<Server['listen']>) => createServer(frontDoor).listen(...args)) as Express['listen'];
  return app;
}
