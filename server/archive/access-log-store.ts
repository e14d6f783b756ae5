import type { Database } from '../../engine/index.ts';

/**
 * The archive's access log (table archive_access_log): who searched, viewed, downloaded or copied
 * what, when, and why where the dossier holds personal data. Rows are only ever added.
 */
export type AccessAction = 'view' | 'download' | 'search' | 'copy';

export interface AccessEntry {
  userId: string;
  at: Date;
  action: AccessAction;
  dossierId?: string;
  documentId?: string;
  query?: string;
  reason?: string;
}

export async function logAccess(db: Database, e: AccessEntry): Promise<void> {
  await db.query(
    'insert into archive_access_log (user_id, at, action, dossier_id, document_id, query, reason) values ($1, $2, $3, $4, $5, $6, $7)',
    [e.userId, e.at, e.action, e.dossierId ?? null, e.documentId ?? null, e.query?.slice(0, 2000) ?? null, e.reason?.slice(0, 500) ?? null],
  );
}
