import { Router, type Request, type Response } from 'express';
import { AppError } from '../../engine/errors.ts';
import { createSession, destroySession, SESSION_COOKIE } from '../auth/sessions.ts';
import { authenticate, createUser } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { pick } from './words.ts';
import { renderPage } from './view.ts';

/** Only same-site paths: an open redirect after sign-in would help phishing. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '';
}

export function accountPages(ctx: AppContext): Router {
  const r = Router();
  const startSession = async (res: Response, userId: string) => {
    const session = await createSession(ctx.db, userId, ctx.engine.clock.now());
    res.cookie(SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'lax', secure: ctx.config.publicUrl.startsWith('https:'), maxAge: session.expiresAt.getTime() - Date.parse(session.createdAt), path: '/' });
  };
  const home = (role: string) => (role === 'clerk' || role === 'admin' ? '/lucru' : role === 'analyst' ? '/designer' : '/cereri');

  const showLogin = (req: Request, res: Response, error?: string, status = 200) => renderPage(req, res, 'login', { title: req.lang === 'en' ? 'Sign in' : 'Autentificare', error, email: req.body?.email, next: safeNext(req.query.next ?? req.body?.next) }, status);
  r.get('/login', (req, res) => showLogin(req, res));
  r.post('/login', async (req, res) => {
    const user = await authenticate(ctx.db, req.body?.email, req.body?.password);
    if (!user) return showLogin(req, res, req.lang === 'en' ? 'The email or the password is wrong.' : 'Adresa de e-mail sau parola nu este corectă.', 401);
    await startSession(res, user.id);
    res.redirect(303, safeNext(req.body?.next) || home(user.role));
  });

  const showSignup = (req: Request, res: Response, error?: string, status = 200) => renderPage(req, res, 'signup', { title: req.lang === 'en' ? 'Create an account' : 'Cont nou', error, name: req.body?.name, email: req.body?.email, next: safeNext(req.query.next ?? req.body?.next) }, status);
  r.get('/signup', (req, res) => showSignup(req, res));
  r.post('/signup', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    if (body.password !== body.password2) return showSignup(req, res, req.lang === 'en' ? 'The two passwords differ.' : 'Cele două parole diferă.', 422);
    try {
      const user = await createUser(ctx.db, { email: String(body.email ?? ''), name: String(body.name ?? ''), role: 'citizen', password: String(body.password ?? ''), lang: req.lang ?? 'ro' }, ctx.engine.clock.now());
      await startSession(res, user.id);
      res.redirect(303, safeNext(body.next) || '/');
    } catch (err) {
      if (err instanceof AppError && (err.code === 'bad-input' || err.code === 'conflict')) return showSignup(req, res, pick(err.message, req.lang === 'en'), 422);
      throw err;
    }
  });

  r.post('/logout', async (req, res) => {
    if (req.sessionId) await destroySession(ctx.db, req.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/');
  });
  return r;
}
