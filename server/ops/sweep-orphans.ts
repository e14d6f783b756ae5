import type { AppContext } from '../context.ts';
import { sweepArchiveFiles } from '../archive/archive-files.ts';
import { namedPdfKeys } from '../documents/documents-store.ts';
import { sweepOrphanFiles } from '../storage/sweep-orphan-files.ts';
import { sweepOrphanUploads } from '../uploads/uploads.ts';

/** Files younger than this are never swept: their row may still be in an open transaction. */
const GRACE_MS = 24 * 3_600_000;

/**
 * The hourly sweep (main.ts): uploads never attached (sweepOrphanUploads), and files in any store
 * (uploads, documents, archive) that no row names, older than the grace period. Safe in every process at once: each
 * deletion is of a row or file that no committed row names, and deleting twice is no error.
 */
export async function sweepOrphans(ctx: AppContext, options: { now: Date; olderThanMs?: number }): Promise<{ uploads: number; files: number; temporary: number; documents: number; archive: number }> {
  const olderThanMs = options.olderThanMs ?? GRACE_MS;
  const uploads = await sweepOrphanUploads(ctx.db, ctx.files.uploads, ctx.config.uploadsDir, { now: options.now, olderThanMs });
  const before = new Date(options.now.getTime() - olderThanMs);
  const documents = await sweepOrphanFiles(ctx.files.documents, { before, named: (keys) => namedPdfKeys(ctx.db, keys) });
  const archive = await sweepArchiveFiles(ctx.db, ctx.files.archive, before);
  return { ...uploads, documents, archive };
}
