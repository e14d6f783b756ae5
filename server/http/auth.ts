import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../../engine/errors.ts';
import { findSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { userOfToken } from '../auth/tokens.ts';
import type { Role, User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
    /** Set for browser sessions; API token calls have none and need no CSRF token. */
    csrf?: string;
    sessionId?: string;
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Finds who is calling: a bearer token (API clients) or a session cookie (browsers). */
export function identify(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    try {
      const now = ctx.engine.clock.now();
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (bearer) {
        const user = await userOfToken(ctx.db, bearer.trim(), now);
        if (!user) throw new AppError('unauthorized', 'The access token is not valid');
        req.user = user;
      } else {
        const sessionId = readCookie(req, SESSION_COOKIE);
        const session = sessionId ? await findSession(ctx.db, sessionId, now) : undefined;
        if (session) {
          req.user = session.user;
          req.csrf = session.csrf;
          req.sessionId = sessionId;
        }
      }
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
    throw new AppError('forbidden', 'Formularul a expirat; reîncărcați pagina. / The form has expired; reload the page.');
  }
}

export function requireUser(req: Request): User {
  if (!req.user) throw new AppError('unauthorized', 'Autentificați-vă. / Please sign in.');
  return req.user;
}

export function requireRole(req: Request, ...roles: Role[]): User {
  const user = requireUser(req);
  if (!roles.includes(user.role)) throw new AppError('forbidden', 'Nu aveți acces la această operațiune. / You may not do this.');
  return user;
}
