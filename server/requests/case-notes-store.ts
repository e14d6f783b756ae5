import type { Database } from '../../engine/index.ts';

/** Storage of clerks' internal notes on a request (table `case_notes`). */

export interface CaseNote { id: string; body: string; authorName: string; createdAt: string }

export async function insertCaseNote(db: Database, note: { id: string; requestId: string; authorId: string; body: string; at: Date }): Promise<void> {
  await db.query('insert into case_notes (id, request_id, author_id, body, created_at) values ($1, $2, $3, $4, $5)', [note.id, note.requestId, note.authorId, note.body, note.at]);
}

/** A request's notes, oldest first, with their authors' names. */
export async function caseNotesOfRequest(db: Database, requestId: string): Promise<CaseNote[]> {
  const rows = await db.query<{ id: string; body: string; name: string; email: string; created_at: Date }>(
    `select n.id, n.body, u.name, u.email, n.created_at from case_notes n join users u on u.id = n.author_id
     where n.request_id = $1 order by n.created_at, n.id`, [requestId]);
  return rows.map((r) => ({ id: r.id, body: r.body, authorName: r.name || r.email, createdAt: new Date(r.created_at).toISOString() }));
}
