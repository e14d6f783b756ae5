import type { RequestHandler } from 'express';
import rateLimit from 'express-rate-limit';
import { AppError, type Database } from '../../engine/index.ts';
import { PgRateLimitStore } from './rate-limit-store.ts';

export interface Limits {
  /** Guessing: sign-in, sign-up, the public status check (code guessing). */
  guarded: RequestHandler;
  /** Submissions: filling a form takes a post per step or row. */
  submissions: RequestHandler;
}

/** The limits of a whole installation (per client address and minute), counted in the database. */
export function createLimits(db: Database, perMinute?: number): Limits {
  const limiter = (name: string, limit: number) => rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: new PgRateLimitStore(db, name),
    // The refusal is an AppError like any other: JSON for the API, the site's own page for pages.
    handler: (_req, _res, next) => next(new AppError('rate-limited', { ro: 'Prea multe încercări; reveniți peste un minut.', en: 'Too many attempts; try again in a minute.' })),
  });
  return { guarded: limiter('guarded', perMinute ?? 20), submissions: limiter('submissions', perMinute ?? 120) };
}
