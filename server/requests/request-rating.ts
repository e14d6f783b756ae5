import { AppError, localDate, type Database } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import type { StoredRequest } from './requests-store.ts';

/** The citizen's satisfaction rating of an ended request: 1-5 and an optional comment, once. */
export interface RequestRating { score: number; comment: string | null; ratedAt: string }

export const MAX_COMMENT = 1000;
const ENDED = ['completed', 'terminated'];

export const isEnded = (status: string) => ENDED.includes(status);

/** A score and comment as sent (form or JSON), checked: a whole number 1-5, a comment of at most 1000 characters. */
export function readRating(body: Record<string, unknown>): { score: number; comment: string | null } {
  const raw = body.score;
  const score = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(score) || score < 1 || score > 5) {
    throw new AppError('bad-input', { ro: 'Alegeți o notă de la 1 la 5.', en: 'Choose a score from 1 to 5.' }, { details: [{ path: 'score' }] });
  }
  const text = typeof body.comment === 'string' ? body.comment.trim() : '';
  if (body.comment !== undefined && body.comment !== null && typeof body.comment !== 'string') {
    throw new AppError('bad-input', { ro: 'Comentariul trebuie să fie text.', en: 'The comment must be text.' }, { details: [{ path: 'comment' }] });
  }
  if ([...text].length > MAX_COMMENT) {
    throw new AppError('bad-input', { ro: `Comentariul poate avea cel mult ${MAX_COMMENT} de caractere.`, en: `The comment may have at most ${MAX_COMMENT} characters.` }, { details: [{ path: 'comment' }] });
  }
  return { score, comment: text || null };
}

export async function ratingOf(db: Database, requestId: string): Promise<RequestRating | null> {
  const [row] = await db.query<{ score: number; comment: string | null; rated_at: Date }>('select score, comment, rated_at from request_ratings where request_id = $1', [requestId]);
  return row ? { score: Number(row.score), comment: row.comment, ratedAt: new Date(row.rated_at).toISOString() } : null;
}

/**
 * Records the rating of the citizen's own ended request, and its anonymous score for the quality
 * figures, in one transaction. An open request, or one already rated, is a conflict (409).
 */
export async function rateRequest(ctx: AppContext, request: StoredRequest, status: string, input: { score: number; comment: string | null }): Promise<RequestRating> {
  if (!isEnded(status)) throw new AppError('conflict', { ro: 'Cererea poate fi evaluată după ce se încheie.', en: 'The request can be rated once it has ended.' });
  const now = ctx.engine.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query(
      `insert into request_ratings (request_id, procedure_key, score, comment, rated_at) values ($1, $2, $3, $4, $5)
       on conflict (request_id) do nothing returning request_id`, [request.id, request.procedureKey, input.score, input.comment, now]);
    if (rows.length === 0) throw new AppError('conflict', { ro: 'Ați evaluat deja această cerere.', en: 'You have already rated this request.' });
    await tx.query(
      `insert into quality_ratings (day, procedure_key, department, score)
       select $1::date, $2, coalesce((select meta ->> 'department' from procedure_packages where definition_id = $3), ''), $4`,
      [localDate(now), request.procedureKey, request.definitionId, input.score]);
    return { ...input, ratedAt: now.toISOString() };
  });
}
