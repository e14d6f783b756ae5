import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Handlebars from 'handlebars';
import { localDate, AppError, toAppError, type Database, createEnginePort } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import type { StoredPackage } from '../procedures/catalogue.ts';
import { DEFAULT_OUTGOING_FORMAT, takeNumber } from '../registry/registry.ts';
import { newFileKey } from '../storage/open-storage.ts';
import type { StoredRequest } from '../requests/requests-store.ts';
import { renderDocumentHtml } from './render-document.ts';
import { newVerificationCode, qrSvg, verificationUrl } from './verification.ts';

export interface IssuedDocument { id: string; registrationNumber: string; sha256: string }

/** A document rendered before its transaction, waiting for its number. */
export interface PreparedDocument {
  request: StoredRequest;
  templateName: string;
  title: string;
  /** The complete HTML with `placeholder` wherever the registration number goes. */
  html: string;
  placeholder: string;
  /** Printed on the document (text and QR code) and kept on its row: /verificare/<code>. */
  verificationCode: string;
  at: Date;
  elementId?: string;
}

/**
 * Issuing a document is split so that nothing slow or written by others runs while the outgoing
 * register's counter row is locked (it stays locked until the commit, and every answer of the
 * institution waits on it):
 *
 * 1. prepareDocument, BEFORE the transaction: the template is rendered to its final HTML, with a
 *    placeholder where the registration number goes (the date is the issuing moment's, known now);
 * 2. registerDocument, LAST in the caller's transaction: the number is taken and put in place of
 *    the placeholder (a string replacement), the document row written with the SHA-256 of that
 *    final HTML (UTF-8 bytes, as stored and served) and the hash written to the request's event log;
 * 3. after the commit, renderDocumentPdf prints the PDF of that HTML in the renderer's bounded
 *    pool and stores it on the row (`pdf_status` 'pending' -> 'ready', with the PDF's own SHA-256
 *    logged as `document.rendered`); a PDF asked for earlier is printed on demand, and one lost to
 *    a crash is printed by renderPendingPdfs when a server starts.
 */
export function prepareDocument(ctx: AppContext, input: { request: StoredRequest; pkg: StoredPackage; templateName: string; title?: { ro: string; en: string }; variables: Record<string, unknown>; elementId?: string }): PreparedDocument {
  const template = input.pkg.templates[input.templateName];
  if (template === undefined) throw new AppError('template-missing', `Procedure ${input.pkg.key} has no template "${input.templateName}"`);
  const title = documentTitle(input.pkg, input.title, input.request.registrationNumber, input.request.lang);
  return prepareFromTemplate(ctx, { ...input, template, title, data: { request: input.request.data, variables: input.variables } });
}

/**
 * prepareDocument for a template of Dosar's own (a payment receipt), not a procedure's: `data`
 * gets the request's number, the document's number (a placeholder until registered) and the date.
 */
export function prepareFromTemplate(ctx: AppContext, input: { request: StoredRequest; templateName: string; template: string; title: string; data: Record<string, unknown>; elementId?: string }): PreparedDocument {
  const at = ctx.engine.clock.now();
  // Upper-case letters and digits: unchanged by escaping and by the `upper` helper.
  const placeholder = `NRDOSAR${randomBytes(8).toString('hex').toUpperCase()}`;
  const verificationCode = newVerificationCode();
  const lang = input.request.lang;
  const html = renderDocumentHtml(input.template, {
    ...input.data,
    incomingNumber: input.request.registrationNumber,
    registrationNumber: placeholder,
    date: localDate(at),
  }, { title: input.title, lang, institution: ctx.config.institution, registrationNumber: placeholder, verification: verificationOf(ctx, verificationCode, lang) });
  return { request: input.request, templateName: input.templateName, title: input.title, html, placeholder, verificationCode, at, ...(input.elementId ? { elementId: input.elementId } : {}) };
}

function verificationOf(ctx: AppContext, code: string, lang: 'ro' | 'en') {
  const url = verificationUrl(ctx.config.publicUrl, code);
  return { code, url, qr: qrSvg(url, lang === 'ro' ? `Cod QR: ${url}` : `QR code: ${url}`) };
}

/** A document's title in a language: its own (taskDocuments) or "Answer to <procedure> no. <request's number>". */
function documentTitle(pkg: Pick<StoredPackage, 'meta'>, own: { ro: string; en: string } | undefined, requestNumber: string, lang: 'ro' | 'en'): string {
  if (own) return `${own[lang]} ${lang === 'ro' ? 'nr.' : 'no.'} ${requestNumber}`;
  return lang === 'ro' ? `Răspuns la ${pkg.meta.title.ro.toLowerCase()} nr. ${requestNumber}` : `Answer to ${pkg.meta.title.en.toLowerCase()} no. ${requestNumber}`;
}

/** The title a stored document shows to a reader of another language than its request's (by its template). */
export function documentTitleIn(pkg: Pick<StoredPackage, 'meta'> | undefined, doc: { kind: string; title: string }, requestNumber: string, lang: 'ro' | 'en'): string {
  if (!pkg) return doc.title;
  if (pkg.meta.answerTemplate === doc.kind) return documentTitle(pkg, undefined, requestNumber, lang);
  const own = Object.values(pkg.meta.taskDocuments ?? {}).find((d) => d.template === doc.kind);
  return own?.title ? documentTitle(pkg, own.title, requestNumber, lang) : doc.title;
}

/** Numbers and stores a prepared document: call it last in the transaction, with nothing slow after it. */
export async function registerDocument(ctx: AppContext, tx: Database, prepared: PreparedDocument): Promise<IssuedDocument> {
  const number = await takeNumber(tx, ctx.config.outgoingRegister, prepared.at, ctx.config.outgoingFormat ?? DEFAULT_OUTGOING_FORMAT);
  const html = prepared.html.split(prepared.placeholder).join(escapeHtml(number.formatted));
  const sha256 = sha256Hex(Buffer.from(html, 'utf8'));
  const id = randomUUID();
  await tx.query(
    `insert into documents (id, request_id, kind, title, register, reg_year, reg_number, registration_number, html, pdf, sha256, issued_at, pdf_status, verification_code)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, null, $10, $11, $12, $13)`,
    [id, prepared.request.id, prepared.templateName, prepared.title, number.register, number.year, number.number, number.formatted, html, sha256, prepared.at, ctx.pdf ? 'pending' : 'none', prepared.verificationCode],
  );
  await ctx.engine.recordEvent(prepared.request.instanceId, {
    type: 'document.issued', elementId: prepared.elementId ?? null, data: { documentId: id, registrationNumber: number.formatted, answers: prepared.request.registrationNumber, sha256, format: 'html' },
  }, prepared.at, createEnginePort(tx));
  return { id, registrationNumber: number.formatted, sha256 };
}

/**
 * Prints a document's PDF from its stored HTML, outside any transaction, writes it to the
 * documents file store under a new key, and then names it on the row unless another process got
 * there first (its file is then deleted; one left by a crash is swept as an orphan). Returns the
 * PDF, or undefined where none is to be made.
 */
export async function renderDocumentPdf(ctx: AppContext, documentId: string): Promise<Buffer | undefined> {
  const [doc] = await ctx.db.query<{ html: string; pdf: Buffer | null; pdf_key: string | null; pdf_status: string; instance_id: string }>(
    'select d.html, d.pdf, d.pdf_key, d.pdf_status, r.instance_id from documents d join requests r on r.id = d.request_id where d.id = $1', [documentId]);
  if (!doc) return undefined;
  if (doc.pdf) return doc.pdf;
  if (doc.pdf_key) return ctx.files.documents.read(doc.pdf_key);
  if (doc.pdf_status !== 'pending' || !ctx.pdf) return undefined;
  const pdf = await ctx.pdf.render(doc.html);
  const sha256 = sha256Hex(pdf);
  const key = newFileKey('pdf');
  await ctx.files.documents.write(key, pdf, 'application/pdf');
  const named = await ctx.db.transaction(async (tx) => {
    const stored = await tx.query('update documents set pdf_key = $2, pdf_sha256 = $3, pdf_status = $4 where id = $1 and pdf_status = $5 returning id', [documentId, key, sha256, 'ready', 'pending']);
    if (stored.length > 0) {
      await ctx.engine.recordEvent(doc.instance_id, { type: 'document.rendered', data: { documentId, sha256, format: 'pdf' } }, ctx.engine.clock.now(), createEnginePort(tx));
    }
    return stored.length > 0;
  }).catch(async (err: unknown) => { await ctx.files.documents.delete(key).catch(() => undefined); throw err; });
  if (!named) await ctx.files.documents.delete(key).catch(() => undefined);
  return pdf;
}

/** Prints a document's PDF after the response, off the request path; shutdown waits for it. */
export function renderPdfInBackground(ctx: AppContext, documentId: string): void {
  if (!ctx.pdf) return;
  const work = renderDocumentPdf(ctx, documentId)
    .catch((err) => ctx.log(`PDF of document ${documentId}: ${toAppError(err).message}; it stays pending and is printed when asked for or at the next start`))
    .finally(() => ctx.background.delete(work));
  ctx.background.add(work);
}

/** Prints the PDFs still pending (their process stopped before printing them), oldest first. */
export async function renderPendingPdfs(ctx: AppContext, limit = 100): Promise<number> {
  if (!ctx.pdf) return 0;
  const rows = await ctx.db.query<{ id: string }>("select id from documents where pdf_status = 'pending' order by issued_at limit $1", [limit]);
  let printed = 0;
  for (const row of rows) {
    try {
      if (await renderDocumentPdf(ctx, row.id)) printed++;
    } catch (err) {
      ctx.log(`PDF of document ${row.id}: ${toAppError(err).message}`);
    }
  }
  return printed;
}

/** As handlebars escapes `{{registrationNumber}}`, so the filled-in HTML is what rendering with the number would give. */
function escapeHtml(text: string): string {
  return Handlebars.Utils.escapeExpression(text);
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
