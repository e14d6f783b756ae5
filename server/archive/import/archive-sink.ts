import { basename } from 'node:path';
import type { Database } from '../../../engine/index.ts';
import type { FileStore } from '../../storage/file-store.ts';
import { writeArchiveFile } from '../archive-files.ts';
import { insertDocument, upsertDossier } from '../archive-store.ts';
import { importedHashes } from './import-keys-store.ts';
import { type ImportSink, SinkRefusal } from './sink.ts';

/**
 * The archive as an import's sink: a file's bytes go to the archive's file store (`files.archive`, a
 * folder or S3) under their content's key, in the transaction that commits its dossier and
 * document rows (archive-files.ts); a failed or interrupted commit leaves only an unnamed file,
 * which the orphan sweep deletes. The import key is the file's real path; the file name is only the document's metadata.
 */
export function archiveSink(db: Database, archive: FileStore, now: () => Date = () => new Date()): ImportSink {
  return {
    importedHashes: (paths) => importedHashes(db, paths),
    async saveDocument(doc) {
      const at = now();
      await retryConflicts(() => db.transaction(async (tx): Promise<void> => {
        const stored = await writeArchiveFile(tx, archive, doc.bytes, doc.mediaType);
        // The bytes were hashed in a thread; they must be the ones stored.
        if (stored.sha256 !== doc.sha256) throw new Error(`the file changed while it was imported (SHA-256 ${doc.sha256.slice(0, 12)}… then ${stored.sha256.slice(0, 12)}…)`);
        const { dossier } = doc;
        const { id } = await upsertDossier(tx, {
          registerNumber: dossier.registerNumber,
          registerDate: dossier.registerDate,
          nomenclatorCode: dossier.nomenclatorCode,
          retention: dossier.retentionYears ?? 'permanent',
          department: dossier.department,
          title: dossier.title,
          parties: dossier.parties,
          public: dossier.isPublic,
          status: 'closed',
          now: at,
        });
        await insertDocument(tx, {
          dossierId: id,
          kind: doc.documentKind,
          title: doc.title,
          mediaType: doc.mediaType,
          fileName: basename(doc.sourcePath).slice(-255),
          bytes: doc.size,
          sha256: doc.sha256,
          storageKey: stored.storageKey,
          textSource: doc.textSource === 'text-layer' ? 'pdf' : doc.textSource === 'none' ? 'none' : 'ocr',
          importKey: doc.sourcePath,
          pages: doc.pages,
          now: at,
        });
      })).catch((err: unknown) => {
        // The same bytes under another name in the same dossier: one copy is enough.
        if ((err as { code?: string }).code === '23505' && /sha256/.test(String((err as { constraint?: string }).constraint ?? (err as Error).message))) {
          throw new SinkRefusal('duplicate-content', `the same file (SHA-256 ${doc.sha256.slice(0, 12)}…) is already in dossier ${doc.dossier.registerNumber}/${doc.dossier.year}`);
        }
        throw err;
      });
    },
  };
}

/**
 * Two files of one new dossier are kept at the same time by two lanes of the pool: the one whose
 * dossier insert lost the race gets a conflict, and simply runs again (the dossier is there now).
 */
async function retryConflicts<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= attempts || !(code === 'conflict' || code === '40P01' || code === '40001')) throw err;
    }
  }
}
