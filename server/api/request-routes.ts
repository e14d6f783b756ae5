import { Router, type RequestHandler } from 'express';
import { AppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { requireRole, requireUser } from '../http/auth.ts';
import { apiLanguage } from '../http/language.ts';
import { getPackage, type StoredPackage } from '../procedures/catalogue.ts';
import { answerCompletionPost, extendTerm, requestCompletion } from '../requests/completion.ts';
import { openRequestDocument } from '../requests/downloads.ts';
import { receiveUploads, submitRequestPost } from '../requests/request-posts.ts';
import { rateRequest, readRating } from '../requests/request-rating.ts';
import { withdrawRequest } from '../requests/request-withdrawal.ts';
import { listRequestSummaries, requireVisibleRequest, viewRequest, type RequestView } from '../requests/request-view.ts';
import { checkStatus } from '../requests/status-check.ts';
import type { Submitted } from '../requests/submit-request.ts';

function requestJson(view: RequestView) {
  return {
    id: view.id,
    registrationNumber: view.registrationNumber,
    procedure: { key: view.procedureKey, title: view.procedureTitle },
    submittedAt: view.submittedAt,
    status: view.status,
    currentSteps: view.currentSteps,
    dueDate: view.clock?.due ?? null,
    clock: view.clock ?? null,
    data: view.data,
    documents: view.documents.map((d) => ({ ...d, html: `/api/v1/requests/${view.id}/documents/${d.id}.html`, ...(d.hasPdf ? { pdf: `/api/v1/requests/${view.id}/documents/${d.id}.pdf` } : {}) })),
    completions: view.completions,
    openTasks: view.openTasks,
    history: view.history,
  };
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The latest version of the route's procedure, read as the request arrived. */
    latestPackage?: Promise<StoredPackage>;
  }
}

/** What a submission answers (201, or 200 for a replay of the same Idempotency-Key). */
export function submittedJson(submitted: Submitted) {
  return {
    id: submitted.id, registrationNumber: submitted.registrationNumber, status: submitted.status, dueDate: submitted.dueDate,
    ...(submitted.secret ? { secretCode: submitted.secret } : {}),
  };
}

/** The routes that submit to a procedure (rate-limited together: server/app.ts). */
export const SUBMISSION_ROUTES = ['/procedures/:key/requests', '/procedures/:key/uploads'];

/**
 * Starts reading the procedure's latest version as a submission arrives, in parallel with finding
 * the caller and the rate limit; the route waits for it after checking the caller.
 */
export function prefetchLatestPackage(ctx: AppContext): RequestHandler {
  return (req, _res, next) => {
    req.latestPackage = getPackage(ctx.db, req.params.key as string);
    req.latestPackage.catch(() => undefined); // answered by the route, or never when refused before it
    next();
  };
}

/** Citizens' requests: submit, follow, answer completions, download documents; clerks' actions on them. */
export function requestRoutes(ctx: AppContext): Router {
  const r = Router();

  r.post('/procedures/:key/requests', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const pkg = await (req.latestPackage ?? getPackage(ctx.db, req.params.key));
    const submitted = await submitRequestPost(ctx, req, citizen, pkg, apiLanguage(req), req.get('Idempotency-Key'));
    res.status(submitted.replayed ? 200 : 201).json(submittedJson(submitted));
  });

  r.post('/procedures/:key/uploads', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const pkg = await (req.latestPackage ?? getPackage(ctx.db, req.params.key));
    res.status(201).json({ uploads: await receiveUploads(ctx, req, citizen, pkg, apiLanguage(req)) });
  });

  r.get('/requests', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const summaries = await listRequestSummaries(ctx, citizen.id);
    res.json({ requests: summaries.map((v) => ({ id: v.id, registrationNumber: v.registrationNumber, procedure: { key: v.procedureKey, title: v.procedureTitle }, submittedAt: v.submittedAt, status: v.status, currentSteps: v.currentSteps, dueDate: v.clock?.due ?? null })) });
  });

  r.get('/requests/:id', async (req, res) => {
    const request = await requireVisibleRequest(ctx, requireUser(req), req.params.id);
    res.json(requestJson(await viewRequest(ctx, request)));
  });

  r.get('/requests/:id/documents/:doc.:format', async (req, res) => {
    const doc = await openRequestDocument(ctx, requireUser(req), req.params.id, req.params.doc, req.params.format);
    res.setHeader('Content-Disposition', `attachment; filename="${doc.name}"`);
    if (doc.format === 'pdf') res.type('application/pdf').send(doc.body);
    else res.type('html').setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'").send(doc.body);
  });

  r.post('/requests/:id/completion', async (req, res) => {
    const created = await requestCompletion(ctx, requireUser(req), req.params.id, (req.body as { message?: unknown } | undefined)?.message);
    res.status(201).json(created);
  });

  r.post('/requests/:id/completion/answer', async (req, res) => {
    const user = requireRole(req, 'citizen');
    const request = await requireVisibleRequest(ctx, user, req.params.id);
    await answerCompletionPost(ctx, req, user, request, apiLanguage(req));
    res.json(requestJson(await viewRequest(ctx, request)));
  });

  r.post('/requests/:id/rating', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const request = await requireVisibleRequest(ctx, citizen, req.params.id);
    if (request.citizenId !== citizen.id) throw new AppError('not-found', { ro: 'Cererea nu există.', en: 'The request does not exist.' });
    const input = readRating((req.body ?? {}) as Record<string, unknown>);
    const instance = await ctx.engine.getInstance(request.instanceId);
    res.status(201).json(await rateRequest(ctx, request, instance.status, input));
  });

  r.post('/requests/:id/withdrawal', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const request = await requireVisibleRequest(ctx, citizen, req.params.id);
    if (request.citizenId !== citizen.id) throw new AppError('not-found', { ro: 'Cererea nu există.', en: 'The request does not exist.' });
    await withdrawRequest(ctx, request);
    res.json(requestJson(await viewRequest(ctx, request)));
  });

  r.post('/requests/:id/extension', async (req, res) => {
    const clock = await extendTerm(ctx, requireUser(req), req.params.id, (req.body ?? {}) as Record<string, unknown>);
    res.json({ clock });
  });

  r.get('/status', async (req, res) => {
    res.json(await checkStatus(ctx, req.query.number, req.query.code));
  });

  return r;
}
