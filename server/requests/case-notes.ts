import { randomUUID } from 'node:crypto';
import { AppError, findUnstorableText } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { caseNotesOfRequest, insertCaseNote, type CaseNote } from './case-notes-store.ts';
import { requireVisibleRequest } from './request-view.ts';

export type { CaseNote };

const MAX_NOTE = 4000;

/**
 * Notes between clerks on a request. Who may read and write them: the clerks who may see the
 * request (their department has or had one of its tasks, request-view.ts) and admins. Citizens
 * never: the role is checked before the request is looked up, so their answer is the same
 * "not found" a stranger gets and says nothing about notes.
 */
async function requireStaffOnRequest(ctx: AppContext, user: User, requestId: string) {
  if (user.role !== 'clerk' && user.role !== 'admin') throw new AppError('not-found', { ro: 'Cererea nu există.', en: 'The request does not exist.' });
  return requireVisibleRequest(ctx, user, requestId);
}

export async function listCaseNotes(ctx: AppContext, user: User, requestId: string): Promise<CaseNote[]> {
  const request = await requireStaffOnRequest(ctx, user, requestId);
  return caseNotesOfRequest(ctx.db, request.id);
}

export async function addCaseNote(ctx: AppContext, user: User, requestId: string, text: unknown): Promise<{ id: string }> {
  const request = await requireStaffOnRequest(ctx, user, requestId);
  const body = typeof text === 'string' ? text.trim() : '';
  if (body.length === 0 || body.length > MAX_NOTE) throw new AppError('bad-input', { ro: `Nota: între 1 și ${MAX_NOTE} caractere.`, en: `The note: 1 to ${MAX_NOTE} characters.` });
  if (findUnstorableText(body)) throw new AppError('bad-input', { ro: 'Nota conține caractere care nu pot fi păstrate.', en: 'The note holds characters that cannot be stored.' });
  const id = randomUUID();
  await insertCaseNote(ctx.db, { id, requestId: request.id, authorId: user.id, body, at: ctx.engine.clock.now() });
  return { id };
}
