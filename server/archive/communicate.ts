import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { AppError } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { newFileKey } from '../storage/open-storage.ts';
import { attachToRequest, insertUpload } from '../uploads/uploads-store.ts';
import { logAccess } from './access-log-store.ts';
import { openArchiveFile } from './archive-files.ts';
import { requestNamed } from './certified-copy.ts';
import { readReason, requireVisibleDocument } from './documents.ts';

/**
 * Communicating an archived document: a clerk who may see both the document and a citizen's request
 * attaches a copy of the document's file to the request, where its citizen finds it among the
 * request's files. The copy is an upload of the clerk's (purpose `archive:<document id>`), written to
 * the uploads store (a folder or S3) before its row commits; the act is logged (action `copy`, with its reason).
 */
const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/tiff': 'tif', 'image/png': 'png', 'image/jpeg': 'jpg', 'text/html': 'html', 'application/json': 'json' };

export async function attachArchivedDocument(ctx: AppContext, user: User, documentId: string, input: { requestId?: unknown; number?: unknown; reason?: unknown }, now: Date): Promise<{ requestId: string; uploadId: string }> {
  const doc = await requireVisibleDocument(ctx.db, user, documentId);
  if (!doc.storageKey) throw new AppError('bad-input', { ro: 'Documentul nu are un fișier păstrat care să poată fi comunicat.', en: 'The document has no stored file to communicate.' });
  const reason = readReason(doc, input.reason);
  const request = await requestNamed(ctx, user, input);
  const storedName = newFileKey(EXTENSIONS[doc.mediaType] ?? 'bin');
  await ctx.files.uploads.write(storedName, await buffer(await openArchiveFile(ctx.files.archive, doc.storageKey)), doc.mediaType);
  const uploadId = randomUUID();
  const purpose = `archive:${doc.id}`;
  try {
    await ctx.db.transaction(async (tx) => {
      await insertUpload(tx, { id: uploadId, ownerId: user.id, purpose, storedName, originalName: doc.fileName, mediaType: doc.mediaType, size: doc.bytes, sha256: doc.sha256, createdAt: now });
      await attachToRequest(tx, { requestId: request.id, ids: [uploadId], ownerId: user.id, purpose });
      await logAccess(tx, { userId: user.id, at: now, action: 'copy', dossierId: doc.dossier.id, documentId: doc.id, reason: `${request.registrationNumber}${reason ? `: ${reason}` : ''}` });
    });
  } catch (err) {
    await ctx.files.uploads.delete(storedName).catch(() => undefined);
    throw err;
  }
  return { requestId: request.id, uploadId };
}
