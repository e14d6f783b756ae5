import { buffer } from 'node:stream/consumers';
import { localDate, type Database } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { documentsOfRequest, findRequestDocument } from '../documents/documents-store.ts';
import { packageOfDefinition } from '../procedures/catalogue.ts';
import { findRequestUpload, listRequestUploads } from '../uploads/uploads.ts';
import { writeArchiveFile } from './archive-files.ts';
import { insertDocument, upsertDossier, type DocumentKind, type DocumentInput, type TextSource } from './archive-store.ts';
import { listEndedUnarchived, type EndedRequest } from './request-archive-store.ts';

/**
 * Today's requests join the archive when their process ends (completed or terminated), so one search
 * covers old dossiers and new: a dossier numbered like the request, holding the citizen's form (its
 * data as text), every document issued on it (PDF, else HTML) and every file attached to it. The
 * procedure's `archive` entry (procedure.json: nomenclatorCode, retention) and `department` say
 * where it is filed. Idempotent (the dossier names its request; each document has an import key),
 * so the periodic sweep and `dosar archive requests` may run any number of times.
 */
type Ctx = Pick<AppContext, 'db' | 'engine' | 'files'>;

const DEFAULT_ARCHIVE = { nomenclatorCode: 'I-4', retention: 10 };

interface Planned { bytes: Buffer; mediaType: string; doc: Omit<DocumentInput, 'dossierId' | 'sha256' | 'bytes' | 'storageKey' | 'now'> }

function htmlText(html: string): string {
  return html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n').replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
}

function dataText(data: unknown, prefix = ''): string[] {
  if (data === null || typeof data !== 'object') return [`${prefix}${String(data)}`];
  if (Array.isArray(data)) return data.flatMap((v) => dataText(v, prefix));
  return Object.entries(data as Record<string, unknown>).flatMap(([k, v]) => (v !== null && typeof v === 'object' ? dataText(v, `${prefix}${k}.`) : [`${prefix}${k}: ${String(v)}`]));
}

function kindOfIssued(kind: string, title: string): DocumentKind {
  const t = title.toLowerCase();
  if (t.includes('autoriza')) return 'autorizatie';
  if (t.includes('certificat')) return 'certificat';
  if (t.includes('adeverin')) return 'adeverinta';
  if (t.includes('hotăr') || t.includes('dispozi')) return 'hotarare';
  return kind === 'answer' || t.includes('răspuns') ? 'raspuns' : 'altul';
}

async function plan(ctx: Ctx, request: EndedRequest, title: string, party: string | undefined): Promise<Planned[]> {
  const form = Buffer.from(JSON.stringify(request.data, null, 2));
  const planned: Planned[] = [{
    bytes: form, mediaType: 'application/json',
    doc: { kind: 'cerere', title: `${title} — ${request.registrationNumber}`, mediaType: 'application/json', fileName: `cerere-${request.registrationNumber.replace(/[^0-9A-Za-z.-]+/g, '-')}.json`, textSource: 'native' as TextSource, importKey: `request:${request.id}:form`, pages: [[`${title}, nr. ${request.registrationNumber}`, ...(party ? [`Petent: ${party}`] : []), ...dataText(request.data)].join('\n')] },
  }];
  for (const summary of await documentsOfRequest(ctx.db, request.id)) {
    const stored = await findRequestDocument(ctx.db, request.id, summary.id);
    if (!stored) continue;
    const pdf = stored.pdf ?? (stored.pdfKey ? await ctx.files.documents.read(stored.pdfKey) : null);
    const bytes = pdf ?? Buffer.from(stored.html);
    planned.push({
      bytes, mediaType: pdf ? 'application/pdf' : 'text/html',
      doc: { kind: kindOfIssued(summary.kind, summary.title), title: `${summary.title} nr. ${summary.registrationNumber}`, mediaType: pdf ? 'application/pdf' : 'text/html', fileName: `document-${summary.registrationNumber.replace(/[^0-9A-Za-z.-]+/g, '-')}.${pdf ? 'pdf' : 'html'}`, textSource: 'native', importKey: `request:${request.id}:document:${summary.id}`, pages: [htmlText(stored.html)] },
    });
  }
  for (const upload of await listRequestUploads(ctx.db, request.id)) {
    const found = await findRequestUpload(ctx.db, ctx.files.uploads, request.id, upload.id);
    planned.push({
      bytes: await buffer(await found.open()), mediaType: upload.mediaType,
      doc: { kind: 'altul', title: upload.originalName, mediaType: upload.mediaType, fileName: upload.originalName, textSource: 'none', importKey: `request:${request.id}:upload:${upload.id}`, pages: [], pageCount: 1 },
    });
  }
  return planned;
}

/** Archives one ended request: files first, then its dossier and documents in one transaction. */
async function archiveRequest(ctx: Ctx, db: Database, request: EndedRequest, now: Date): Promise<void> {
  const pkg = await packageOfDefinition(db, request.definitionId);
  const archive = { ...DEFAULT_ARCHIVE, ...(pkg?.meta.archive as Partial<typeof DEFAULT_ARCHIVE> | undefined) };
  const title = pkg?.meta.title.ro ?? request.procedureKey;
  const party = request.citizenName ?? (typeof request.data.nume === 'string' ? request.data.nume : undefined);
  const planned = await plan(ctx, request, title, party);
  await db.transaction(async (tx) => {
    const { id } = await upsertDossier(tx, {
      registerNumber: request.registrationNumber, registerDate: localDate(request.submittedAt), nomenclatorCode: archive.nomenclatorCode,
      retention: typeof archive.retention === 'number' ? archive.retention : 'permanent', department: typeof pkg?.meta.department === 'string' ? pkg.meta.department : 'registratura',
      title: party ? `${title} — ${party}` : title, parties: party ? [party] : [], status: 'closed', sourceRequestId: request.id, now,
    });
    for (const p of planned) {
      const file = await writeArchiveFile(tx, ctx.files.archive, p.bytes, p.mediaType);
      await insertDocument(tx, { ...p.doc, dossierId: id, sha256: file.sha256, bytes: file.bytes, storageKey: file.storageKey, now });
    }
  });
}

/** Archives up to `limit` ended requests not archived yet; returns how many. */
export async function archiveEndedRequests(ctx: Ctx, options: { limit?: number } = {}): Promise<{ archived: number }> {
  const ended = await listEndedUnarchived(ctx.db, options.limit ?? 100);
  for (const request of ended) await archiveRequest(ctx, ctx.db, request, ctx.engine.clock.now());
  return { archived: ended.length };
}
