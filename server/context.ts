import type { Engine, Database } from '../engine/index.ts';
import type { PdfRenderer } from './documents/pdf.ts';
import type { Mailer } from './notifications/mailer.ts';
import type { Payments } from './payments/provider.ts';
import type { FileStores } from './storage/file-store.ts';

/** Everything a request handler needs, built once at start. */
export interface AppContext {
  engine: Engine;
  db: Database;
  mailer: Mailer;
  /** Absent where Chromium is not installed: documents are then issued as HTML only. */
  pdf?: PdfRenderer;
  config: AppConfig;
  /** Where uploads, printed documents and archive scans are kept (DOSAR_STORAGE: a local folder or S3). */
  files: FileStores;
  /** Payment settings and providers; absent: read from the environment when first needed. */
  payments?: Payments;
  log: (message: string) => void;
  /** Work started after a response (mail); awaited on shutdown. */
  background: Set<Promise<unknown>>;
}

export interface AppConfig {
  /** Where links in emails point, e.g. https://dosar.primaria.ro */
  publicUrl: string;
  institution: string;
  registrationFormat: string;
  /** Uploads: their temporary files always, and the kept ones where DOSAR_STORAGE is local. */
  uploadsDir: string;
  /** Outgoing documents are numbered in this register. */
  outgoingRegister: string;
  /**
   * How outgoing numbers are printed; its own series (`IEȘ-…` by default) so an answer's number
   * never reads like the number of the request it answers (both registers count from 1 each year).
   */
  outgoingFormat?: string;
  /** Behind a reverse proxy whose X-Forwarded-* headers are believed (DOSAR_TRUST_PROXY=1). */
  trustProxy?: boolean;
  /** The built designer bundle (designer/build.ts), served at /designer/assets. */
  designerDir?: string;
  /** DOSAR_METRICS_TOKEN: the bearer token /metrics asks for; without it /metrics does not exist (404). */
  metricsToken?: string;
  /** Map tiles for places (reports); without them, places are addresses only. */
  map?: MapSettings;
  /** When a request is "at risk" (server/quality/early-warning.ts); absent: 3 and 2 working days. */
  earlyWarning?: EarlyWarningSettings;
}

export interface EarlyWarningSettings {
  /** DOSAR_EARLY_WARNING_DUE_DAYS: legal due date within this many working days (overdue included). */
  dueWithinWorkingDays: number;
  /** DOSAR_EARLY_WARNING_IDLE_DAYS: and no progress for at least this many whole working days. */
  idleWorkingDays: number;
}

export interface MapSettings {
  /** Tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png */
  tiles: string;
  attribution: string;
  center: [number, number];
  zoom: number;
}
