import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { AppError, createEnginePort, findUnstorableText } from '../../engine/index.ts';
import type { JsonSchema, Lang } from '../../forms/index.ts';
import { findUserById, type User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { notifyInBackground } from '../notifications/notify.ts';
import { findPackage } from '../procedures/catalogue.ts';
import { attachRecords, completionPurpose } from '../uploads/uploads.ts';
import { findOpenCompletionId, hasOpenCompletion, insertCompletionRequest, recordCompletionAnswer } from './completion-store.ts';
import { assertFilesAccepted, keepSubmitted, withSubmission, type Submission } from './read-submission.ts';
import { requireVisibleRequest } from './request-view.ts';
import type { StoredRequest } from './requests-store.ts';

const MAX_MESSAGE = 5000;

/** The citizen's answer to a request for completion: a text and documents (page and API alike). */
export const COMPLETION_ANSWER_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    text: { type: 'string', title: 'Răspunsul dumneavoastră', maxLength: MAX_MESSAGE, 'x-widget': 'textarea', 'x-labels': { en: { title: 'Your answer' } } },
    documente: { type: 'array', title: 'Documente', 'x-upload': { accept: ['application/pdf', 'image/png', 'image/jpeg'], maxBytes: 10 * 1024 * 1024, maxFiles: 5 }, 'x-labels': { en: { title: 'Documents' } }, items: { type: 'object' } },
  },
};

function text(value: unknown, what: { ro: string; en: string }): string {
  const s = typeof value === 'string' ? value.trim() : '';
  if (s.length === 0 || s.length > MAX_MESSAGE) throw new AppError('bad-input', { ro: `${what.ro}: între 1 și ${MAX_MESSAGE} caractere.`, en: `${what.en}: 1 to ${MAX_MESSAGE} characters.` });
  return s;
}

async function requireClerkOnRequest(ctx: AppContext, user: User, requestId: string): Promise<StoredRequest> {
  if (user.role !== 'clerk' && user.role !== 'admin') throw new AppError('forbidden', { ro: 'Doar funcționarii pot face asta.', en: 'Only clerks can do this.' });
  const request = await requireVisibleRequest(ctx, user, requestId);
  const open = await ctx.engine.listTasks({ instanceId: request.instanceId });
  if (user.role !== 'admin' && !open.some((t) => t.assignee === user.email || t.candidateGroups.some((g) => user.departments.includes(g)))) {
    throw new AppError('forbidden', { ro: 'Cererea nu are o sarcină deschisă în departamentul dvs.', en: 'The request has no open task in your department.' });
  }
  return request;
}

/** The clerk asks the citizen for missing documents: the legal clock stops until they answer, unless the procedure says the law extends it instead. */
export async function requestCompletion(ctx: AppContext, user: User, requestId: string, message: unknown): Promise<{ id: string }> {
  const request = await requireClerkOnRequest(ctx, user, requestId);
  const body = text(message, { ro: 'Mesajul', en: 'The message' });
  if (await hasOpenCompletion(ctx.db, request.id)) throw new AppError('conflict', { ro: 'Există deja o solicitare de completare fără răspuns.', en: 'A completion request is already waiting for an answer.' });
  const instance = await ctx.engine.getInstance(request.instanceId);
  const suspends = (await findPackage(ctx.db, instance.key, instance.version))?.meta.completionSuspendsTerm !== false;
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await insertCompletionRequest(tx, { id, requestId: request.id, message: body, requestedBy: user.id, at: ctx.engine.clock.now() });
    if (suspends && instance.clock && instance.clock.state === 'running') await ctx.engine.changeDeadline(request.instanceId, { action: 'suspend', reason: body }, createEnginePort(tx));
  });
  await notifyCitizen(ctx, request, 'completion-requested', { message: body });
  return { id };
}

/**
 * The citizen's answer as posted (JSON, or a form with files): files that failed their checks
 * refuse it (form-invalid); `check` runs first on the post (the page's CSRF token).
 */
export async function answerCompletionPost(ctx: AppContext, req: Request, user: User, request: StoredRequest, lang: Lang, check?: (submission: Submission) => void): Promise<void> {
  await withSubmission(ctx, req, COMPLETION_ANSWER_SCHEMA, lang, async (submission) => {
    check?.(submission);
    assertFilesAccepted(submission);
    await keepSubmitted(ctx, submission, { ownerId: user.id, purpose: completionPurpose(request.id) });
    await answerCompletion(ctx, user, request.id, { text: submission.data.text, files: (submission.data.documente as unknown[] | undefined) ?? [] }, lang);
  });
}

/** The citizen's answer (text and documents) resumes the legal clock. */
async function answerCompletion(ctx: AppContext, user: User, requestId: string, answer: { text?: unknown; files?: unknown[] }, lang: Lang): Promise<void> {
  // The answer may come as multipart form data, read by the route itself: check it as a form would be.
  const unstorable = findUnstorableText({ text: answer.text, documente: answer.files });
  if (unstorable !== undefined) {
    const message = { ro: 'Răspunsul conține caractere nepermise (de exemplu caracterul NUL).', en: 'The answer contains characters that are not allowed (such as the NUL character).' };
    throw new AppError('form-invalid', message, { details: [{ pointer: unstorable, field: unstorable.split('/').filter(Boolean).join('.'), keyword: 'text', message: message[lang] }] });
  }
  const request = await requireVisibleRequest(ctx, user, requestId);
  if (request.citizenId !== user.id) throw new AppError('not-found', { ro: 'Cererea nu există.', en: 'The request does not exist.' });
  const nothingAsked = () => new AppError('conflict', { ro: 'Nu vi s-a cerut nicio completare.', en: 'Nothing was asked of you.' });
  const pending = await findOpenCompletionId(ctx.db, request.id);
  if (!pending) throw nothingAsked();
  const note = typeof answer.text === 'string' ? answer.text.trim().slice(0, MAX_MESSAGE) : '';
  if (!note && !(answer.files?.length)) throw new AppError('bad-input', { ro: 'Scrieți un răspuns sau atașați un document.', en: 'Write an answer or attach a document.' });
  const instance = await ctx.engine.getInstance(request.instanceId);
  await ctx.db.transaction(async (tx) => {
    // Files must be uploads this citizen sent for this completion (never records a client made up).
    const files = await attachRecords(tx, { ownerId: user.id, requestId: request.id, purpose: completionPurpose(request.id), field: 'documente', value: answer.files ?? [], lang: request.lang });
    if (!(await recordCompletionAnswer(tx, pending, ctx.engine.clock.now(), { text: note, files }))) throw nothingAsked();
    if (instance.clock?.state === 'suspended') await ctx.engine.changeDeadline(request.instanceId, { action: 'resume', reason: 'completare primită' }, createEnginePort(tx));
  });
}

/** Extends the legal term with a reason (e.g. OG 27/2002 art. 9), cited from the procedure where it says. */
export async function extendTerm(ctx: AppContext, user: User, requestId: string, input: { amount?: unknown; unit?: unknown; reason?: unknown; source?: unknown }) {
  const request = await requireClerkOnRequest(ctx, user, requestId);
  const pkg = await findPackage(ctx.db, request.procedureKey);
  const sources = (pkg?.meta.sources ?? {}) as Record<string, string>;
  const source = typeof input.source === 'string' && input.source ? input.source : sources.extension;
  return ctx.engine.changeDeadline(request.instanceId, {
    action: 'extend',
    amount: Number(input.amount),
    unit: typeof input.unit === 'string' ? input.unit : 'days',
    reason: text(input.reason, { ro: 'Motivul', en: 'The reason' }),
    ...(source ? { source } : {}),
  });
}

async function notifyCitizen(ctx: AppContext, request: StoredRequest, template: 'completion-requested', data: Record<string, unknown>): Promise<void> {
  if (!request.citizenId) return;
  const citizen = await findUserById(ctx.db, request.citizenId);
  if (!citizen) return;
  notifyInBackground(ctx, { to: citizen.email, template, lang: request.lang, data: { registrationNumber: request.registrationNumber, statusUrl: `${ctx.config.publicUrl}/cereri/${request.id}`, ...data } });
}
