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

export interface AccessLogLine extends Omit<AccessEntry, 'userId'> {
  userEmail: string;
}

export async function logAccess(db: Database, e: AccessEntry): Promise<void> {
  await db.query(
    'insert into archive_access_log (user_id, at, action, dossier_id, document_id, query, reason) values ($1, $2, $3, $4, $5, $6, $7)',
    [e.userId, e.at, e.action, e.dossierId ?? null, e.documentId ?? null, e.query?.slice(0, 2000) ?? null, e.reason?.slice(0, 500) ?? null],
  );
}

/** The latest accesses to one document, newest first. */
export async function listDocumentAccess(db: Database, documentId: string, limit = 20): Promise<AccessLogLine[]> {
  const rows = await db.query<{ email: string; at: Date; action: AccessAction; reason: string | null }>(
    `select u.email, l.at, l.action, l.reason from archive_access_log l join users u on u.id = l.user_id
     where l.document_id = $1 order by l.at desc, l.id desc limit $2`,
    [documentId, limit],
  );
  return rows.map((r) => ({ userEmail: r.email, at: new Date(r.at), action: r.action, documentId, ...(r.reason ? { reason: r.reason } : {}) }));
}
