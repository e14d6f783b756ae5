import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../../engine/index.ts';
import { findSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { newSecret } from '../auth/secrets.ts';
import { userOfToken } from '../auth/tokens.ts';
import type { Role, User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
    /** Set for browser sessions; API token calls have none and need no CSRF token. */
    csrf?: string;
    sessionId?: string;
    /** The session's account signed in with a one-time password: pages send it to choose its own. */
    mustChangePassword?: boolean;
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

interface Caller { user?: User; csrf?: string; sessionId?: string; mustChangePassword?: boolean }

declare module 'express-serve-static-core' {
  interface Request {
    /** The caller's lookup, started by `lookUpCaller` before the body is read. */
    caller?: Promise<Caller>;
  }
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer (.+)$/i.exec(authorization ?? '')?.[1]?.trim();
}

/** The account of an API token, or unauthorized. */
export async function bearerUser(ctx: AppContext, token: string): Promise<User> {
  const user = await userOfToken(ctx.db, token, ctx.engine.clock.now());
  if (!user) throw new AppError('unauthorized', { ro: 'Tokenul de acces nu este valid (necunoscut, expirat sau revocat).', en: 'The access token is not valid (unknown, expired or revoked).' });
  return user;
}

/** Who is calling: a bearer token (API clients) or a session cookie (browsers). */
async function findCaller(ctx: AppContext, req: Request): Promise<Caller> {
  const now = ctx.engine.clock.now();
  const bearer = bearerToken(req.headers.authorization);
  if (bearer !== undefined) return { user: await bearerUser(ctx, bearer) };
  const sessionId = readCookie(req, SESSION_COOKIE);
  const session = sessionId ? await findSession(ctx.db, sessionId, now) : undefined;
  return session ? { user: session.user, csrf: session.csrf, sessionId, mustChangePassword: session.mustChangePassword } : {};
}

/**
 * Starts finding the caller at once, so the lookup overlaps reading the body and the rate limit
 * (one round trip fewer on every API call's path); `identify` waits for it.
 */
export function lookUpCaller(ctx: AppContext): RequestHandler {
  return (req, _res, next) => {
    req.caller = findCaller(ctx, req);
    req.caller.catch(() => undefined); // answered by identify, or never when refused before it
    next();
  };
}

/** Finds who is calling (see findCaller), or waits for the lookup `lookUpCaller` started. */
export function identify(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    try {
      Object.assign(req, await (req.caller ?? findCaller(ctx, req)));
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Cookie-authenticated writes must carry the session's CSRF token (form field or header). */
export function checkCsrf(req: Request, _res: Response, next: NextFunction): void {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
  try {
    assertCsrf(req, (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers['x-csrf-token']);
    next();
  } catch (err) {
    next(err);
  }
}

/** Also for multipart posts, whose fields are only known once the handler has read the body. */
export function assertCsrf(req: Request, token: unknown): void {
  if (!req.csrf) return;
  const given = Buffer.from(typeof token === 'string' ? token : '');
  const expected = Buffer.from(req.csrf);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError('forbidden', { ro: 'Formularul a expirat; reîncărcați pagina.', en: 'The form has expired; reload the page.' });
  }
}

export function requireUser(req: Request): User {
  if (!req.user) throw new AppError('unauthorized', { ro: 'Autentificați-vă.', en: 'Please sign in.' });
  return req.user;
}

export function requireRole(req: Request, ...roles: Role[]): User {
  return assertRole(requireUser(req), ...roles);
}

export function assertRole(user: User, ...roles: Role[]): User {
  if (!roles.includes(user.role)) throw new AppError('forbidden', { ro: 'Nu aveți acces la această operațiune.', en: 'You may not do this.' });
  return user;
}

/**
 * Login CSRF: before there is a session, the sign-in and sign-up forms carry a random token that
 * must match a cookie set with the form (double submit), so a cross-site page cannot sign a victim
 * into the attacker's account; browsers that say where a post comes from must say it comes from us.
 */
export const LOGIN_CSRF_COOKIE = 'dosar_login_csrf';

/** The token for the form: the session's when signed in, else the pre-session cookie's (set if missing). */
export function loginFormToken(req: Request, res: Response, secure: boolean): string {
  if (req.csrf) return req.csrf;
  const existing = readCookie(req, LOGIN_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = newSecret();
  res.cookie(LOGIN_CSRF_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
  return token;
}

/** Signed-in posts were checked against the session's token already (checkCsrf); the rest here. */
export function assertLoginCsrf(req: Request, publicUrl: string): void {
  const expired = new AppError('forbidden', { ro: 'Formularul a expirat sau nu vine de pe acest site; încercați din nou.', en: 'The form has expired or does not come from this site; please try again.' });
  // Sec-Fetch-Site, where the browser sends it, is set by the browser alone; Origin is the fallback.
  // Our pages send no referrer (helmet), which makes some browsers send "Origin: null" even from
  // our own forms, so Origin is only read when Sec-Fetch-Site is absent.
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  if (typeof site === 'string') {
    if (site !== 'same-origin' && site !== 'none') throw expired;
  } else if (typeof origin === 'string' && !sameOrigin(origin, req, publicUrl)) throw expired;
  if (req.csrf) return;
  const cookie = readCookie(req, LOGIN_CSRF_COOKIE) ?? '';
  const given = (req.body as Record<string, unknown> | undefined)?._csrf;
  const a = Buffer.from(cookie);
  const b = Buffer.from(typeof given === 'string' ? given : '');
  if (a.length < 43 || a.length !== b.length || !timingSafeEqual(a, b)) throw expired;
}

function sameOrigin(origin: string, req: Request, publicUrl: string): boolean {
  try {
    if (new URL(origin).origin === new URL(publicUrl).origin) return true;
  } catch {
    return false;
  }
  const host = req.get('host');
  return host !== undefined && origin === `${req.protocol}://${host}`;
}
