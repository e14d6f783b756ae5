import { Router, type Request, type Response } from 'express';
import { AppError } from '../../engine/index.ts';
import { renderForm, type FieldError } from '../../forms/index.ts';
import { nextFormView } from '../../forms/render/form-flow.ts';
import { renderReceipt } from '../documents/receipt.ts';
import { newSecret } from '../auth/secrets.ts';
import { assertCsrf, readCookie, requireRole, requireUser } from '../http/auth.ts';
import { errorMessage } from '../http/language.ts';
import type { AppContext } from '../context.ts';
import { getPackage, type StoredPackage } from '../procedures/catalogue.ts';
import { canonicalTerm, catalogueGroups, catalogueQuery } from '../procedures/catalogue-view.ts';
import type { ServiceMeta } from '../procedures/service-meta.ts';
import { answerCompletionPost, COMPLETION_ANSWER_SCHEMA } from '../requests/completion.ts';
import { attachmentsOf, openRequestFile } from '../requests/downloads.ts';
import { discardSubmitted, keepSubmitted, withoutPending, withSubmission } from '../requests/read-submission.ts';
import { listRequestSummaries, requireVisibleRequest, viewRequest } from '../requests/request-view.ts';
import { isEnded, MAX_COMMENT, rateRequest, ratingOf, readRating } from '../requests/request-rating.ts';
import { canWithdraw, withdrawRequest } from '../requests/request-withdrawal.ts';
import { checkStatus } from '../requests/status-check.ts';
import { paymentsOfRequest } from '../payments/payment-view.ts';
import { prefillFromAccount } from '../requests/prefill.ts';
import { submitRequest } from '../requests/submit-request.ts';
import { requestFormPurpose } from '../uploads/uploads.ts';
import { ratingScores, statusLabel, termText } from './words.ts';
import { requestModel } from './request-model.ts';
import { renderPage, safe } from './view.ts';
import { sendFile } from '../http/send-file.ts';

/** Where the receipt's code waits for the confirmation page (scoped to that page's path). */
const CODE_COOKIE = 'dosar_receipt_code';
const CODE_SHOWN_MS = 60 * 60_000;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{43}$/;

export function citizenPages(ctx: AppContext): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    const lang = req.lang ?? 'ro';
    const query = catalogueQuery(req.query);
    const view = await catalogueGroups(ctx.db, query, lang, (p, department) => {
      const target = canonicalTerm((p.meta as ServiceMeta).targetTerm);
      return { key: p.key, ...p.meta, ...(department ? { departmentName: department } : {}), ...(target ? { target: termText(target, lang) } : {}) };
    });
    renderPage(req, res, 'catalogue', { title: lang === 'en' ? 'Procedures' : 'Proceduri', ...view, query, byDepartment: query.groupBy === 'department', filtered: view.shown < view.total });
  });

  // The form carries an idempotency key from the moment it is drawn, through every step, so a
  // double click or a resubmitted page finds the request it already registered.
  const showForm = (req: Request, res: Response, pkg: StoredPackage, data: Record<string, unknown>, step: number, errors: FieldError[] = [], status = 200, idempotencyKey = newSecret()) => {
    const lang = req.lang ?? 'ro';
    const form = pkg.forms[pkg.meta.requestForm];
    const html = form
      ? renderForm(form.schema, { data, errors, lang, step, action: `/proceduri/${pkg.key}`, csrfToken: req.csrf!, submitLabel: lang === 'en' ? 'Submit the request' : 'Depuneți cererea', controls: { _idempotency: idempotencyKey }, ...(form.uiSchema ? { uiSchema: form.uiSchema } : {}), stepHref: (i) => `/proceduri/${pkg.key}?step=${i}`, validation: { id: `${pkg.key}/${pkg.meta.requestForm}`, version: pkg.version } })
      : '';
    renderPage(req, res, 'apply', { title: pkg.meta.title[lang], procedure: { key: pkg.key, ...pkg.meta }, form: safe(html), hasForm: !!form }, status);
  };

  r.get('/proceduri/:key', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const pkg = await getPackage(ctx.db, req.params.key);
    const form = pkg.forms[pkg.meta.requestForm];
    showForm(req, res, pkg, form ? prefillFromAccount(form.schema, citizen) : {}, 0);
  });

  r.post('/proceduri/:key', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const lang = req.lang ?? 'ro';
    const pkg = await getPackage(ctx.db, req.params.key);
    const form = pkg.forms[pkg.meta.requestForm];
    const schema = form?.schema ?? { type: 'object' };
    await withSubmission(ctx, req, schema, lang, async (submission) => {
      assertCsrf(req, submission.fields._csrf ?? (req.body as Record<string, string> | undefined)?._csrf);
      const current = /^\d+$/.test(submission.fields._current ?? '') ? Number(submission.fields._current) : 0;
      const idempotencyKey = IDEMPOTENCY_KEY.test(submission.fields._idempotency ?? '') ? submission.fields._idempotency! : newSecret();
      const flow = nextFormView({ schema, ...(form?.uiSchema ? { uiSchema: form.uiSchema } : {}), data: submission.data, action: submission.action, current, uploadErrors: submission.uploadErrors, id: `${pkg.key}/${pkg.meta.requestForm}`, version: pkg.version, lang });
      // A refused step keeps nothing of this post: its files go, and so do their records.
      if (flow.kind === 'show' && flow.status !== 200) return showForm(req, res, pkg, withoutPending(flow.data, submission), flow.step, flow.errors, flow.status, idempotencyKey);
      // An accepted step or the submission: the files are kept (unattached until submitted; swept if never).
      await keepSubmitted(ctx, submission, { ownerId: citizen.id, purpose: requestFormPurpose(pkg.key, pkg.meta.requestForm) });
      if (flow.kind === 'show') return showForm(req, res, pkg, flow.data, flow.step, flow.errors, flow.status, idempotencyKey);
      try {
        const submitted = await submitRequest(ctx, { key: pkg.key, data: flow.data, citizen, lang, idempotencyKey, reissueCode: true });
        if (submitted.replayed) await discardSubmitted(ctx, submission);
        // Post/redirect/get: the confirmation is a page of its own, so reloading it sends nothing.
        // The code, stored only hashed, reaches it in a cookie scoped to that page for an hour.
        const confirmation = `/cereri/${submitted.id}/confirmare`;
        if (submitted.secret) res.cookie(CODE_COOKIE, submitted.secret, { httpOnly: true, sameSite: 'lax', secure: ctx.config.publicUrl.startsWith('https:'), path: confirmation, maxAge: CODE_SHOWN_MS });
        res.redirect(303, confirmation);
      } catch (err) {
        if (err instanceof AppError && err.code === 'form-invalid' && Array.isArray(err.details)) {
          await discardSubmitted(ctx, submission);
          return showForm(req, res, pkg, withoutPending(flow.data, submission), 0, err.details as never, 422, idempotencyKey);
        }
        throw err;
      }
    });
  });

  // The confirmation after a submission: for the citizen who sent it only (others get 404).
  r.get('/cereri/:id/confirmare', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const view = await viewRequest(ctx, await requireVisibleRequest(ctx, citizen, req.params.id));
    if (view.citizenId !== citizen.id) throw new AppError('not-found', { ro: 'Cererea nu există.', en: 'No such request.' });
    const code = readCookie(req, CODE_COOKIE);
    const lang = req.lang ?? 'ro';
    renderPage(req, res, 'receipt', {
      title: lang === 'en' ? 'Request registered' : 'Cerere înregistrată',
      procedure: { title: view.procedureTitle },
      submitted: { id: view.id, registrationNumber: view.registrationNumber, dueDate: view.clock?.due ?? null, ...(code && /^\d{8}$/.test(code) ? { secret: code } : {}) },
    });
  });

  r.get('/cereri', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const lang = req.lang ?? 'ro';
    const requests = (await listRequestSummaries(ctx, citizen.id)).map((v) => ({ ...v, statusText: statusLabel(v.status, v.clock?.state, lang) }));
    renderPage(req, res, 'my-requests', { title: lang === 'en' ? 'My requests' : 'Cererile mele', requests });
  });

  // The request page; `rating` carries a refused rating form back (422) with what was sent.
  const showRequest = async (req: Request, res: Response, id: string, rating: { error?: string; score?: string; comment?: string } = {}, status = 200) => {
    const user = requireUser(req);
    const view = await viewRequest(ctx, await requireVisibleRequest(ctx, user, id));
    const lang = req.lang ?? 'ro';
    const pending = view.completions.find((c) => c.answeredAt === null);
    const answerForm = pending && user.id === view.citizenId
      ? renderForm(COMPLETION_ANSWER_SCHEMA, { lang, action: `/cereri/${view.id}/completare`, csrfToken: req.csrf! })
      : '';
    const owner = user.id === view.citizenId;
    const given = owner ? await ratingOf(ctx.db, view.id) : null;
    renderPage(req, res, 'request', {
      title: `${lang === 'en' ? 'Request' : 'Cererea'} ${view.registrationNumber}`, request: await requestModel(ctx, view, lang), pending, answerForm: safe(answerForm),
      attachments: await attachmentsOf(ctx, view.id), payments: await paymentsOfRequest(ctx, view.id, lang),
      rating: given, ratingForm: owner && !given && isEnded(view.status) ? { ...rating, scores: ratingScores(rating.score) } : null, maxComment: MAX_COMMENT,
      withdrawable: owner && !isEnded(view.status) && await canWithdraw(ctx, view),
    }, status);
  };

  r.get('/cereri/:id', (req, res) => showRequest(req, res, req.params.id));

  // The citizen's rating of their ended request, once; then the request page thanks them.
  r.post('/cereri/:id/evaluare', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    const body = (req.body ?? {}) as Record<string, unknown>;
    assertCsrf(req, body._csrf);
    const request = await requireVisibleRequest(ctx, citizen, req.params.id);
    if (request.citizenId !== citizen.id) throw new AppError('not-found', { ro: 'Cererea nu există.', en: 'The request does not exist.' });
    const instance = await ctx.engine.getInstance(request.instanceId);
    let input;
    try {
      input = readRating(body);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'bad-input' || !isEnded(instance.status) || await ratingOf(ctx.db, request.id)) throw err;
      return showRequest(req, res, request.id, { error: errorMessage(err, req.lang ?? 'ro'), score: String(body.score ?? ''), comment: typeof body.comment === 'string' ? body.comment.slice(0, 2 * MAX_COMMENT) : '' }, 422);
    }
    await rateRequest(ctx, request, instance.status, input);
    res.redirect(303, `/cereri/${request.id}#evaluare`);
  });

  // The citizen withdraws their request, where its model allows it now; then the request page shows the outcome.
  r.post('/cereri/:id/retragere', async (req, res) => {
    const citizen = requireRole(req, 'citizen');
    assertCsrf(req, (req.body as Record<string, unknown> | undefined)?._csrf);
    const request = await requireVisibleRequest(ctx, citizen, req.params.id);
    if (request.citizenId !== citizen.id) throw new AppError('not-found', { ro: 'Cererea nu există.', en: 'The request does not exist.' });
    await withdrawRequest(ctx, request);
    res.redirect(303, `/cereri/${request.id}`);
  });

  r.post('/cereri/:id/completare', async (req, res) => {
    const user = requireRole(req, 'citizen');
    const request = await requireVisibleRequest(ctx, user, req.params.id);
    await answerCompletionPost(ctx, req, user, request, req.lang ?? 'ro', (submission) => assertCsrf(req, submission.fields._csrf ?? (req.body as Record<string, string> | undefined)?._csrf));
    res.redirect(303, `/cereri/${request.id}`);
  });

  // A file is found by its row (id and request), never by a name a client sent.
  r.get('/cereri/:id/fisiere/:uploadId', async (req, res) => {
    const file = await openRequestFile(ctx, requireUser(req), req.params.id, req.params.uploadId);
    sendFile(res, await file.open(), { name: file.originalName, mediaType: file.mediaType });
  });

  // The receipt, as HTML or PDF.
  const receipt = async (req: Request, res: Response, format: 'html' | 'pdf') => {
    const doc = await renderReceipt(ctx, requireUser(req), req.params.id as string, format);
    if ('pdf' in doc) res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${doc.fileName}"`).send(doc.pdf);
    else res.type('html').send(doc.html);
  };
  r.get('/cereri/:id/recipisa', (req, res) => receipt(req, res, 'html'));
  r.get('/cereri/:id/recipisa.pdf', (req, res) => receipt(req, res, 'pdf'));

  // The check is a post, so the secret code never lands in an address (history, proxy and server
  // logs). An old link with the code in its query shows the form with the number only: the code
  // in it is neither used nor shown again.
  const statusTitle = (req: Request) => (req.lang === 'en' ? 'Check a request' : 'Verificați o cerere');
  r.get('/status', (req, res) => {
    const number = typeof req.query.number === 'string' ? req.query.number.slice(0, 40) : undefined;
    renderPage(req, res, 'status', { title: statusTitle(req), number, codeInLink: req.query.code !== undefined });
  });

  r.post('/status', async (req, res) => {
    const lang = req.lang ?? 'ro';
    const body = (req.body ?? {}) as Record<string, unknown>;
    const number = typeof body.number === 'string' ? body.number.slice(0, 40) : undefined;
    try {
      const status = await checkStatus(ctx, body.number, body.code);
      renderPage(req, res, 'status', { title: statusTitle(req), number, result: { ...status, statusText: statusLabel(status.status, status.clock?.state, lang) } });
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') return renderPage(req, res, 'status', { title: statusTitle(req), number, error: errorMessage(err, lang) }, 404);
      throw err;
    }
  });

  return r;
}
