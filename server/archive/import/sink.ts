import type { AnalysedFile, RefusalReason } from './analyse-file.ts';
import type { ArchiveDocumentKind, DossierMeta } from './manifest.ts';

/** One file ready to keep: its dossier's metadata, its bytes, and the text of each page. */
export interface ImportedDocument extends Omit<AnalysedFile, 'status' | 'warning'> {
  /** The file's real absolute path: with sha256, what makes a re-run skip it. */
  sourcePath: string;
  dossier: DossierMeta;
  documentKind: ArchiveDocumentKind;
  title: string;
}

/**
 * Where an import puts what it read. The archive's store implements it (./archive-sink.ts); tests
 * may wrap it to fail on purpose.
 */
export interface ImportSink {
  /** The SHA-256 of what was last imported from each of these source paths (absent: never imported). */
  importedHashes(sourcePaths: string[]): Promise<Map<string, string>>;
  /**
   * Keeps one document, all or nothing: the bytes are stored first, then in one transaction the
   * dossier is created or updated and the document inserted (or, for a changed file, replaced).
   * A throw or a crash leaves no row; stored bytes without a row are found again by their hash.
   */
  saveDocument(document: ImportedDocument): Promise<void>;
}

/** A sink's refusal of one file for a reason of its own (not a failure: a re-run refuses it again). */
export class SinkRefusal extends Error {
  constructor(readonly reason: RefusalReason, message: string) {
    super(message);
  }
}
