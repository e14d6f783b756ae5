import { AppError, isUuid, type Database } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import { logAccess } from './access-log-store.ts';
import type { Readable } from 'node:stream';
import type { FileStore } from '../storage/file-store.ts';
import { openArchiveFile } from './archive-files.ts';
import { findArchivedDocument, listPageTexts, type ArchivedDocument } from './documents-read-store.ts';
import { scopeOf } from './search.ts';

/**
 * Opening an archived document: only within the reader's scope (search.ts), and logged. A dossier
 * that names people (parties) and is not public holds personal data: it is opened only with a reason,
 * written to the access log with the view or download.
 */
export type { ArchivedDocument } from './documents-read-store.ts';

export function needsReason(doc: ArchivedDocument): boolean {
  return !doc.dossier.public && doc.dossier.parties.length > 0;
}

/** The document if the user may see it; absent and out of scope look the same (not-found). */
export async function requireVisibleDocument(db: Database, user: User, id: string): Promise<ArchivedDocument> {
  const scope = scopeOf(user);
  const doc = isUuid(id) ? await findArchivedDocument(db, id) : undefined;
  if (!doc || (!scope.all && !doc.dossier.public && !scope.departments.includes(doc.dossier.department))) {
    throw new AppError('not-found', { ro: 'Documentul nu există în arhiva la care aveți acces.', en: 'No such document in the archive you can see.' });
  }
  return doc;
}

export function readReason(doc: ArchivedDocument, reason: unknown): string | undefined {
  const text = typeof reason === 'string' ? reason.trim().slice(0, 500) : '';
  if (needsReason(doc) && text.length < 3) {
    throw new AppError('bad-input', { ro: 'Dosarul conține date personale: scrieți motivul consultării.', en: 'The dossier holds personal data: give the reason for opening it.' });
  }
  return text || undefined;
}

/** A document with its pages' text, for the preview; the view is logged. */
export async function viewDocument(db: Database, user: User, id: string, reason: unknown, now: Date): Promise<ArchivedDocument & { pages: Array<{ page: number; text: string }> }> {
  const doc = await requireVisibleDocument(db, user, id);
  const why = readReason(doc, reason);
  await logAccess(db, { userId: user.id, at: now, action: 'view', dossierId: doc.dossier.id, documentId: doc.id, ...(why ? { reason: why } : {}) });
  return { ...doc, pages: await listPageTexts(db, doc.id) };
}

/** The document's file from the archive's store, by the row's key (never a client's), to be sent; the download is logged. */
export async function downloadDocument(db: Database, archive: FileStore, user: User, id: string, reason: unknown, now: Date): Promise<{ doc: ArchivedDocument; body: Readable }> {
  const doc = await requireVisibleDocument(db, user, id);
  if (!doc.storageKey) throw new AppError('not-found', { ro: 'Documentul nu are un fișier scanat păstrat.', en: 'The document has no stored scan.' });
  const why = readReason(doc, reason);
  // Opened before the download is logged: a missing file is not-found, and no download took place.
  const body = await openArchiveFile(archive, doc.storageKey);
  try {
    await logAccess(db, { userId: user.id, at: now, action: 'download', dossierId: doc.dossier.id, documentId: doc.id, ...(why ? { reason: why } : {}) });
  } catch (err) {
    body.destroy();
    throw err;
  }
  return { doc, body };
}
