import type { Database } from '../../engine/index.ts';

/** Storage of requests for completion (table `completion_requests`): at most one open per request. */

export async function hasOpenCompletion(db: Database, requestId: string): Promise<boolean> {
  return (await db.query('select 1 from completion_requests where request_id = $1 and answered_at is null', [requestId])).length > 0;
}

export async function findOpenCompletionId(db: Database, requestId: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>('select id from completion_requests where request_id = $1 and answered_at is null', [requestId]);
  return row?.id;
}

export async function insertCompletionRequest(db: Database, c: { id: string; requestId: string; message: string; requestedBy: string; at: Date }): Promise<void> {
  await db.query('insert into completion_requests (id, request_id, message, requested_by, requested_at) values ($1, $2, $3, $4, $5)', [c.id, c.requestId, c.message, c.requestedBy, c.at]);
}

/** Records the answer once: false when it was answered already (compare-and-set). */
export async function recordCompletionAnswer(db: Database, id: string, at: Date, answer: { text: string; files: unknown[] }): Promise<boolean> {
  const answered = await db.query('update completion_requests set answered_at = $2, answer = $3 where id = $1 and answered_at is null returning id', [id, at, JSON.stringify(answer)]);
  return answered.length === 1;
}

/** Every request for completion of a request, oldest first, answered or not. */
export async function completionsOfRequest(db: Database, requestId: string): Promise<Array<{ id: string; message: string; requestedAt: string; answeredAt: string | null }>> {
  const rows = await db.query<{ id: string; message: string; requested_at: Date; answered_at: Date | null }>(
    'select id, message, requested_at, answered_at from completion_requests where request_id = $1 order by requested_at', [requestId]);
  return rows.map((c) => ({ id: c.id, message: c.message, requestedAt: new Date(c.requested_at).toISOString(), answeredAt: c.answered_at ? new Date(c.answered_at).toISOString() : null }));
}
