import type { RequestHandler } from 'express';
import rateLimit from 'express-rate-limit';
import { AppError, type Database } from '../../engine/index.ts';
import { PgRateLimitStore } from './rate-limit-store.ts';

/** Requests per minute and client address, one budget each. */
export interface LimitSettings {
  /** Sign-in posts (the account itself is guarded by its lockout and slow-down: server/auth/sign-in.ts). */
  signIn: number;
  /** New accounts and password-reset mails. */
  signUp: number;
  /** Public status checks (guessing a code). */
  status: number;
  /** Filling a form takes a post per step or row. */
  submissions: number;
}

export const DEFAULT_LIMITS: LimitSettings = { signIn: 20, signUp: 10, status: 20, submissions: 120 };

export type Limits = Record<keyof LimitSettings, RequestHandler>;

/**
 * The limits of a whole installation, counted in the database (every process shares them). Each
 * has its own budget: a neighbour checking statuses from the same address (a library, a city hall
 * terminal) never locks anyone out of signing in. A number sets every limit (tests raise them).
 */
export function createLimits(db: Database, settings: number | Partial<LimitSettings> = {}): Limits {
  const limits = typeof settings === 'number'
    ? { signIn: settings, signUp: settings, status: settings, submissions: settings }
    : { ...DEFAULT_LIMITS, ...settings };
  const limiter = (name: string, limit: number) => rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: new PgRateLimitStore(db, name),
    // The refusal is an AppError like any other: JSON for the API, the site's own page for pages.
    handler: (_req, _res, next) => next(new AppError('rate-limited', { ro: 'Prea multe încercări; reveniți peste un minut.', en: 'Too many attempts; try again in a minute.' })),
  });
  return {
    signIn: limiter('sign-in', limits.signIn),
    signUp: limiter('sign-up', limits.signUp),
    // "guarded" is the counter the status check always used: live windows survive an upgrade.
    status: limiter('guarded', limits.status),
    submissions: limiter('submissions', limits.submissions),
  };
}
