import { Router } from 'express';
import { AppError } from '../../engine/errors.ts';
import type { AppContext } from '../context.ts';
import { requireRole, requireUser } from '../http/auth.ts';
import { apiLanguage } from '../http/language.ts';
import { getPackage } from '../procedures/catalogue.ts';
import { answerCompletionPost, extendTerm, requestCompletion } from '../requests/completion.ts';
import { openRequestDocument } from '../requests/downloads.ts';
import { assertFilesAccepted, discardSubmitted, keepSubmitted, withSubmission } from '../requests/read-submission.ts';
import { listRequestSummaries, requireVisibleRequest, viewRequest, type RequestView } from '../requests/request-view.ts';
import { checkStatus } from '../requests/status-check.ts';
import { submitRequest } from '../requests/submit-request.ts';
import { recordOf, requestFormPurpose, type UploadRecord } from '../uploads/uploads.ts';

export function requestJson(view: RequestView) {
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

/** Citizens' requests: submit, follow, answer completions, download documents; clerks' actions on them. */
export function requestRoutes(ctx: AppContext): Router {
  const r = Router();

  r.post('/procedures/:key/requests', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const lang = apiLanguage(req);
    const pkg = await getPackage(ctx.db, req.params.key);
    const schema = pkg.forms[pkg.meta.requestForm]?.schema ?? { type: 'object' };
    // JSON clients may wrap the form data as { data: {...} } unless the form has a field named data.
    const body = req.body as Record<string, unknown> | undefined;
    if (req.is('application/json') && body && Object.keys(body).length === 1 && body.data && typeof body.data === 'object' && !(schema.properties as Record<string, unknown> | undefined)?.data) {
      req.body = body.data;
    }
    const idempotencyKey = req.get('Idempotency-Key');
    const submitted = await withSubmission(ctx, req, schema, lang, async (submission) => {
      assertFilesAccepted(submission);
      await keepSubmitted(ctx, submission, { ownerId: citizen.id, purpose: requestFormPurpose(pkg.key, pkg.meta.requestForm) });
      const done = await submitRequest(ctx, { key: pkg.key, data: submission.data, citizen, lang, ...(idempotencyKey ? { idempotencyKey } : {}) });
      // A replay returns the first submission: files sent again are not needed.
      if (done.replayed) await discardSubmitted(ctx, submission);
      return done;
    });
    res.status(submitted.replayed ? 200 : 201).json({
      id: submitted.id, registrationNumber: submitted.registrationNumber, status: submitted.status, dueDate: submitted.dueDate,
      ...(submitted.secret ? { secretCode: submitted.secret } : {}),
    });
  });

  // The upload step for JSON clients: files in, records out, to be put in the form data as they are.
  r.post('/procedures/:key/uploads', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const lang = apiLanguage(req);
    const pkg = await getPackage(ctx.db, req.params.key);
    const schema = pkg.forms[pkg.meta.requestForm]?.schema ?? { type: 'object' };
    if (!req.is('multipart/form-data')) throw new AppError('bad-input', { ro: 'Trimiteți fișierele ca multipart/form-data.', en: 'Send the files as multipart/form-data.' });
    const uploads = await withSubmission(ctx, req, schema, lang, async (submission) => {
      assertFilesAccepted(submission);
      if (submission.pending.length === 0) throw new AppError('bad-input', { ro: 'Nu ați trimis niciun fișier.', en: 'No file was sent.' });
      await keepSubmitted(ctx, submission, { ownerId: citizen.id, purpose: requestFormPurpose(pkg.key, pkg.meta.requestForm) });
      const byField: Record<string, UploadRecord[]> = {};
      for (const p of submission.pending) (byField[p.field] ??= []).push(recordOf(p));
      return byField;
    });
    res.status(201).json({ uploads });
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

  r.post('/requests/:id/extension', async (req, res) => {
    const clock = await extendTerm(ctx, requireUser(req), req.params.id, (req.body ?? {}) as Record<string, unknown>);
    res.json({ clock });
  });

  r.get('/status', async (req, res) => {
    res.json(await checkStatus(ctx, req.query.number, req.query.code));
  });

  return r;
}
