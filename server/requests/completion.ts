import { randomUUID } from 'node:crypto';
import { AppError, createEnginePort, findUnstorableText } from '../../engine/index.ts';
import { findUserById, type User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { notifyInBackground } from '../notifications/notify.ts';
import { findPackage } from '../procedures/catalogue.ts';
import { attachRecords, completionPurpose } from '../uploads/uploads.ts';
import { requireVisibleRequest, type RequestRow } from './request-view.ts';

const MAX_MESSAGE = 5000;

function text(value: unknown, what: string): string {
  const s = typeof value === 'string' ? value.trim() : '';
  if (s.length === 0 || s.length > MAX_MESSAGE) throw new AppError('bad-input', `${what}: între 1 și ${MAX_MESSAGE} caractere. / ${what}: 1 to ${MAX_MESSAGE} characters.`);
  return s;
}

async function requireClerkOnRequest(ctx: AppContext, user: User, requestId: string): Promise<RequestRow> {
  if (user.role !== 'clerk' && user.role !== 'admin') throw new AppError('forbidden', 'Doar funcționarii pot face asta. / Only clerks can do this.');
  const request = await requireVisibleRequest(ctx, user, requestId);
  const open = await ctx.engine.listTasks({ instanceId: request.instanceId });
  if (user.role !== 'admin' && !open.some((t) => t.assignee === user.email || t.candidateGroups.some((g) => user.departments.includes(g)))) {
    throw new AppError('forbidden', 'Cererea nu are o sarcină deschisă în departamentul dvs. / The request has no open task in your department.');
  }
  return request;
}

/** The clerk asks the citizen for missing documents: the legal clock stops until they answer. */
export async function requestCompletion(ctx: AppContext, user: User, requestId: string, message: unknown): Promise<{ id: string }> {
  const request = await requireClerkOnRequest(ctx, user, requestId);
  const body = text(message, 'Mesajul');
  const pending = await ctx.db.query('select 1 from completion_requests where request_id = $1 and answered_at is null', [request.id]);
  if (pending.length > 0) throw new AppError('conflict', 'Există deja o solicitare de completare fără răspuns. / A completion request is already waiting for an answer.');
  const instance = await ctx.engine.getInstance(request.instanceId);
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.query('insert into completion_requests (id, request_id, message, requested_by, requested_at) values ($1, $2, $3, $4, $5)', [id, request.id, body, user.id, ctx.engine.clock.now()]);
    if (instance.clock && instance.clock.state === 'running') await ctx.engine.changeClock(request.instanceId, { action: 'suspend', reason: body }, createEnginePort(tx));
  });
  await notifyCitizen(ctx, request, 'completion-requested', { message: body });
  return { id };
}

/** The citizen's answer (text and documents) resumes the legal clock. */
export async function answerCompletion(ctx: AppContext, user: User, requestId: string, answer: { text?: unknown; files?: unknown[] }): Promise<void> {
  // The answer may come as multipart form data, read by the route itself: check it as a form would be.
  const unstorable = findUnstorableText({ text: answer.text, documente: answer.files });
  if (unstorable !== undefined) {
    const message = 'Răspunsul conține caractere nepermise (de exemplu caracterul NUL). / The answer contains characters that are not allowed (such as the NUL character).';
    throw new AppError('form-invalid', message, { details: [{ pointer: unstorable, field: unstorable.split('/').filter(Boolean).join('.'), keyword: 'text', message }] });
  }
  const request = await requireVisibleRequest(ctx, user, requestId);
  if (request.citizenId !== user.id) throw new AppError('not-found', 'Cererea nu există. / The request does not exist.');
  const [pending] = await ctx.db.query<{ id: string }>('select id from completion_requests where request_id = $1 and answered_at is null', [request.id]);
  if (!pending) throw new AppError('conflict', 'Nu vi s-a cerut nicio completare. / Nothing was asked of you.');
  const note = typeof answer.text === 'string' ? answer.text.trim().slice(0, MAX_MESSAGE) : '';
  if (!note && !(answer.files?.length)) throw new AppError('bad-input', 'Scrieți un răspuns sau atașați un document. / Write an answer or attach a document.');
  const instance = await ctx.engine.getInstance(request.instanceId);
  await ctx.db.transaction(async (tx) => {
    // Files must be uploads this citizen sent for this completion (never records a client made up).
    const files = await attachRecords(tx, { ownerId: user.id, requestId: request.id, purpose: completionPurpose(request.id), field: 'documente', value: answer.files ?? [], lang: request.lang });
    const answered = await tx.query('update completion_requests set answered_at = $2, answer = $3 where id = $1 and answered_at is null returning id', [pending.id, ctx.engine.clock.now(), JSON.stringify({ text: note, files })]);
    if (answered.length !== 1) throw new AppError('conflict', 'Nu vi s-a cerut nicio completare. / Nothing was asked of you.');
    if (instance.clock?.state === 'suspended') await ctx.engine.changeClock(request.instanceId, { action: 'resume', reason: 'completare primită' }, createEnginePort(tx));
  });
}

/** Extends the legal term with a reason (e.g. OG 27/2002 art. 9), cited from the procedure where it says. */
export async function extendTerm(ctx: AppContext, user: User, requestId: string, input: { amount?: unknown; unit?: unknown; reason?: unknown; source?: unknown }) {
  const request = await requireClerkOnRequest(ctx, user, requestId);
  const pkg = await findPackage(ctx.db, request.procedureKey);
  const sources = (pkg?.meta.sources ?? {}) as Record<string, string>;
  const source = typeof input.source === 'string' && input.source ? input.source : sources.extension;
  return ctx.engine.changeClock(request.instanceId, {
    action: 'extend',
    amount: Number(input.amount),
    unit: typeof input.unit === 'string' ? input.unit : 'days',
    reason: text(input.reason, 'Motivul'),
    ...(source ? { source } : {}),
  });
}

async function notifyCitizen(ctx: AppContext, request: RequestRow, template: 'completion-requested', data: Record<string, unknown>): Promise<void> {
  if (!request.citizenId) return;
  const citizen = await findUserById(ctx.db, request.citizenId);
  if (!citizen) return;
  notifyInBackground(ctx, { to: citizen.email, template, lang: request.lang, data: { registrationNumber: request.registrationNumber, statusUrl: `${ctx.config.publicUrl}/cereri/${request.id}`, ...data } });
}
