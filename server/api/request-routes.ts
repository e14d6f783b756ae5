import { Router, type Request } from 'express';
import { AppError, isUuid } from '../../engine/index.ts';
import type { Lang } from '../../forms/validation/messages.ts';
import type { AppContext } from '../context.ts';
import { renderDocumentPdf } from '../documents/issue-document.ts';
import { requireRole, requireUser } from '../http/auth.ts';
import { getPackage } from '../procedures/catalogue.ts';
import { answerCompletion, extendTerm, requestCompletion } from '../requests/completion.ts';
import { discardSubmitted, keepSubmitted, withSubmission, type Submission } from '../requests/read-submission.ts';
import { listRequestSummaries, requireVisibleRequest, viewRequest, type RequestView } from '../requests/request-view.ts';
import { checkStatus } from '../requests/status-check.ts';
import { submitRequest } from '../requests/submit-request.ts';
import { completionPurpose, recordOf, requestFormPurpose, type UploadRecord } from '../uploads/uploads.ts';

export function langOf(req: Request): Lang {
  const asked = req.query.lang ?? req.headers['accept-language'];
  return typeof asked === 'string' && /^en\b/i.test(asked) ? 'en' : (req.user?.lang ?? 'ro');
}

/** A citizen's files that failed their field's checks refuse the whole post, naming each field. */
function assertFilesAccepted(submission: Submission, lang: Lang): void {
  if (submission.uploadErrors.length > 0) throw new AppError('form-invalid', lang === 'ro' ? 'Fișierele nu pot fi primite.' : 'The files cannot be accepted.', { details: submission.uploadErrors });
}

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
    const lang = langOf(req);
    const pkg = await getPackage(ctx.db, req.params.key);
    const schema = pkg.forms[pkg.meta.requestForm]?.schema ?? { type: 'object' };
    // JSON clients may wrap the form data as { data: {...} } unless the form has a field named data.
    const body = req.body as Record<string, unknown> | undefined;
    if (req.is('application/json') && body && Object.keys(body).length === 1 && body.data && typeof body.data === 'object' && !(schema.properties as Record<string, unknown> | undefined)?.data) {
      req.body = body.data;
    }
    const idempotencyKey = req.get('Idempotency-Key');
    const submitted = await withSubmission(ctx, req, schema, lang, async (submission) => {
      assertFilesAccepted(submission, lang);
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
    const lang = langOf(req);
    const pkg = await getPackage(ctx.db, req.params.key);
    const schema = pkg.forms[pkg.meta.requestForm]?.schema ?? { type: 'object' };
    if (!req.is('multipart/form-data')) throw new AppError('bad-input', 'Trimiteți fișierele ca multipart/form-data. / Send the files as multipart/form-data.');
    const uploads = await withSubmission(ctx, req, schema, lang, async (submission) => {
      assertFilesAccepted(submission, lang);
      if (submission.pending.length === 0) throw new AppError('bad-input', 'Nu ați trimis niciun fișier. / No file was sent.');
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
    const request = await requireVisibleRequest(ctx, requireUser(req), req.params.id);
    if (!isUuid(req.params.doc) || !['pdf', 'html'].includes(req.params.format)) throw new AppError('not-found', 'No such document');
    const [doc] = await ctx.db.query<{ html: string; pdf: Buffer | null; pdf_status: string; registration_number: string }>('select html, pdf, pdf_status, registration_number from documents where id = $1 and request_id = $2', [req.params.doc, request.id]);
    if (!doc) throw new AppError('not-found', 'No such document');
    // A PDF still being printed after its decision (or lost to a crash) is printed now.
    if (req.params.format === 'pdf' && !doc.pdf && doc.pdf_status === 'pending') doc.pdf = (await renderDocumentPdf(ctx, req.params.doc)) ?? null;
    if (req.params.format === 'pdf' && !doc.pdf) throw new AppError('not-found', 'Documentul nu are versiune PDF pe acest server; folosiți varianta HTML. / The document has no PDF version on this server; use the HTML version.');
    const name = `document-${doc.registration_number.replace(/[^0-9A-Za-z.-]+/g, '-')}.${req.params.format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    if (req.params.format === 'pdf') res.type('application/pdf').send(doc.pdf);
    else res.type('html').setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'").send(doc.html);
  });

  r.post('/requests/:id/completion', async (req, res) => {
    const created = await requestCompletion(ctx, requireUser(req), req.params.id, (req.body as { message?: unknown } | undefined)?.message);
    res.status(201).json(created);
  });

  r.post('/requests/:id/completion/answer', async (req, res) => {
    const user = requireRole(req, 'citizen');
    const request = await requireVisibleRequest(ctx, user, req.params.id);
    const schema = { type: 'object', properties: { text: { type: 'string' }, documente: { type: 'array', 'x-upload': { accept: ['application/pdf', 'image/png', 'image/jpeg'], maxBytes: 10 * 1024 * 1024, maxFiles: 5 }, items: { type: 'object' } } } };
    await withSubmission(ctx, req, schema, langOf(req), async (submission) => {
      if (submission.uploadErrors.length > 0) throw new AppError('form-invalid', 'Fișierele nu pot fi primite. / The files cannot be accepted.', { details: submission.uploadErrors });
      await keepSubmitted(ctx, submission, { ownerId: user.id, purpose: completionPurpose(request.id) });
      await answerCompletion(ctx, user, request.id, { text: submission.data.text, files: (submission.data.documente as unknown[] | undefined) ?? [] });
    });
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
