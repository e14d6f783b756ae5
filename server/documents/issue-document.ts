import { randomUUID } from 'node:crypto';
import { localDate } from '../../engine/calendar/index.ts';
import { AppError } from '../../engine/errors.ts';
import type { Database } from '../../engine/store/database.ts';
import { eventItems } from '../../engine/store/engine-port.ts';
import type { AppContext } from '../context.ts';
import type { StoredPackage } from '../procedures/catalogue.ts';
import { takeNumber } from '../registry/registry.ts';
import type { RequestRow } from '../requests/request-view.ts';
import { renderDocument } from './render-document.ts';

export interface IssuedDocument { id: string; registrationNumber: string; sha256: string }

/**
 * Issues a procedure's document for a request inside the caller's transaction: numbered in the
 * outgoing register, rendered (HTML, and PDF where Chromium is installed), stored with the request,
 * and its SHA-256 written to the request's event log.
 */
export async function issueDocument(ctx: AppContext, tx: Database, input: { request: RequestRow; pkg: StoredPackage; templateName: string; variables: Record<string, unknown>; elementId?: string }): Promise<IssuedDocument> {
  const template = input.pkg.templates[input.templateName];
  if (template === undefined) throw new AppError('template-missing', `Procedure ${input.pkg.key} has no template "${input.templateName}"`);
  const now = ctx.engine.clock.now();
  const number = await takeNumber(tx, ctx.config.outgoingRegister, now, ctx.config.registrationFormat);
  const lang = input.request.lang;
  const title = lang === 'ro' ? `Răspuns la ${input.pkg.meta.title.ro.toLowerCase()} nr. ${input.request.registrationNumber}` : `Answer to ${input.pkg.meta.title.en.toLowerCase()} no. ${input.request.registrationNumber}`;
  const rendered = await renderDocument(template, {
    request: input.request.data,
    variables: input.variables,
    incomingNumber: input.request.registrationNumber,
    registrationNumber: number.formatted,
    date: localDate(now),
  }, { title, lang, institution: ctx.config.institution, registrationNumber: number.formatted }, ctx.pdf);
  const id = randomUUID();
  await tx.query(
    `insert into documents (id, request_id, kind, title, register, reg_year, reg_number, registration_number, html, pdf, sha256, issued_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [id, input.request.id, input.templateName, title, number.register, number.year, number.number, number.formatted, rendered.html, rendered.pdf ?? null, rendered.sha256, now],
  );
  await tx.query('insert into events (instance_id, items, at) values ($1, $2, $3)', [
    input.request.instanceId,
    eventItems({ type: 'document.issued', elementId: input.elementId ?? null, data: { documentId: id, registrationNumber: number.formatted, answers: input.request.registrationNumber, sha256: rendered.sha256, format: rendered.pdf ? 'pdf' : 'html' } }),
    now,
  ]);
  return { id, registrationNumber: number.formatted, sha256: rendered.sha256 };
}
