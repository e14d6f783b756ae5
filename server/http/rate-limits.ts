import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import rateLimit, { ipKeyGenerator, type Options } from 'express-rate-limit';
import { AppError, type Database } from '../../engine/index.ts';
import { PgRateLimitStore } from './rate-limit-store.ts';
import { clientAddress } from './raw-request.ts';

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

export type LimitHandlers = Record<keyof LimitSettings, RequestHandler>;

export type Limits = LimitHandlers & {
  /** The submissions' limit counted for a request answered outside express: same counter, same budget. */
  submissionHit: DirectLimit;
};

/** A hit on a limit: refused or not, and the headers its middleware would have set. */
export type DirectLimit = (req: IncomingMessage, trustProxy: boolean | undefined) => Promise<{ refused: boolean; headers: Record<string, string> }>;

const WINDOW_MS = 60_000;

export function rateLimited(): AppError {
  return new AppError('rate-limited', { ro: 'Prea multe încercări; reveniți peste un minut.', en: 'Too many attempts; try again in a minute.' });
}

/**
 * The limits of a whole installation, counted in the database (every process shares them). Each
 * has its own budget: a neighbour checking statuses from the same address (a library, a city hall
 * terminal) never locks anyone out of signing in. A number sets every limit (tests raise them).
 */
export function createLimits(db: Database, settings: number | Partial<LimitSettings> = {}): Limits {
  const limits = typeof settings === 'number'
    ? { signIn: settings, signUp: settings, status: settings, submissions: settings }
    : { ...DEFAULT_LIMITS, ...settings };
  const limiter = (store: PgRateLimitStore, limit: number) => rateLimit({
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store,
    // The refusal is an AppError like any other: JSON for the API, the site's own page for pages.
    handler: (_req, _res, next) => next(rateLimited()),
  });
  const submissions = new PgRateLimitStore(db, 'submissions');
  return {
    signIn: limiter(new PgRateLimitStore(db, 'sign-in'), limits.signIn),
    signUp: limiter(new PgRateLimitStore(db, 'sign-up'), limits.signUp),
    // "guarded" is the counter the status check always used: live windows survive an upgrade.
    status: limiter(new PgRateLimitStore(db, 'guarded'), limits.status),
    submissions: limiter(submissions, limits.submissions),
    submissionHit: directLimit(submissions, limits.submissions),
  };
}

/**
 * What express-rate-limit does with these options, for one request: the key is the client's
 * address (IPv6 by its /56, as the middleware's default), and the headers are IETF draft 7's,
 * with Retry-After on a refusal.
 */
function directLimit(store: PgRateLimitStore, limit: number): DirectLimit {
  store.init({ windowMs: WINDOW_MS } as Options);
  return async (req, trustProxy) => {
    const { totalHits, resetTime } = await store.increment(ipKeyGenerator(clientAddress(req, trustProxy)));
    const reset = resetTime ? Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : WINDOW_MS / 1000;
    const headers: Record<string, string> = {
      'RateLimit-Policy': `${limit};w=${WINDOW_MS / 1000}`,
      RateLimit: `limit=${limit}, remaining=${Math.max(limit - totalHits, 0)}, reset=${reset}`,
    };
    const refused = totalHits > limit;
    if (refused) headers['Retry-After'] = String(reset);
    return { refused, headers };
  };
}
