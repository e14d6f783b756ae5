import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../engine/index.ts';
import { hashSecret } from '../auth/secrets.ts';
import type { AppContext } from '../context.ts';
import { findRequest, viewRequest } from './request-view.ts';
import { findByRegistrationNumber } from './requests-store.ts';

/**
 * The public status check: registration number plus the secret code from the receipt. It shows
 * where the request is and its due date, nothing personal. Wrong pairs all get the same answer.
 */
export async function checkStatus(ctx: AppContext, number: unknown, code: unknown) {
  const notFound = new AppError('not-found', { ro: 'Nu am găsit o cerere cu acest număr și cod.', en: 'No request matches this number and code.' });
  if (typeof number !== 'string' || typeof code !== 'string' || number.length > 40 || !/^\d{8}$/.test(code.trim())) throw notFound;
  const rows = await findByRegistrationNumber(ctx.db, number.trim());
  const expected = hashSecret(`${number.trim()}:${code.trim()}`);
  const match = rows.find((r) => timingSafeEqual(Buffer.from(r.secretHash), Buffer.from(expected)));
  if (!match) throw notFound;
  const view = await viewRequest(ctx, (await findRequest(ctx, match.id))!);
  return {
    registrationNumber: view.registrationNumber,
    procedure: view.procedureTitle,
    submittedAt: view.submittedAt,
    status: view.status,
    currentSteps: view.currentSteps,
    dueDate: view.clock?.due ?? null,
    clock: view.clock ? { state: view.clock.state, due: view.clock.due, extensions: view.clock.extensions, suspendedDays: view.clock.suspendedDays } : null,
    documents: view.documents.map((d) => ({ registrationNumber: d.registrationNumber, issuedAt: d.issuedAt })),
  };
}
