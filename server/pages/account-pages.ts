import { Router, type Request, type Response } from 'express';
import { AppError } from '../../engine/index.ts';
import { createSession, destroySession, SESSION_COOKIE } from '../auth/sessions.ts';
import { DEVICE_COOKIE, DEVICE_DAYS, LOCK_MS, signIn } from '../auth/sign-in.ts';
import { createUser } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { assertLoginCsrf, LOGIN_CSRF_COOKIE, loginFormToken, readCookie } from '../http/auth.ts';
import { errorMessage } from '../http/language.ts';
import { renderPage } from './view.ts';

/** Only same-site paths: an open redirect after sign-in would help phishing. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '';
}

export function accountPages(ctx: AppContext): Router {
  const r = Router();
  const secure = ctx.config.publicUrl.startsWith('https:');
  /** A new session id at every sign-in (the old one, if any, ends), and the pre-session token goes. */
  const startSession = async (req: Request, res: Response, userId: string) => {
    if (req.sessionId) await destroySession(ctx.db, req.sessionId);
    const session = await createSession(ctx.db, userId, ctx.engine.clock.now());
    res.cookie(SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'lax', secure, maxAge: session.expiresAt.getTime() - Date.parse(session.createdAt), path: '/' });
    res.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
  };
  const home = (role: string) => (role === 'clerk' || role === 'admin' ? '/lucru' : role === 'analyst' ? '/designer' : '/cereri');
  /** A refused form (expired or cross-site) is shown again with our token, so a retry from it works. */
  const checkForm = (req: Request, res: Response, show: (req: Request, res: Response, error?: string, status?: number) => void): boolean => {
    try {
      assertLoginCsrf(req, ctx.config.publicUrl);
      return true;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      show(req, res, errorMessage(err, req.lang ?? 'ro'), 403);
      return false;
    }
  };

  const showLogin = (req: Request, res: Response, error?: string, status = 200) => renderPage(req, res, 'login', { title: req.lang === 'en' ? 'Sign in' : 'Autentificare', error, email: req.body?.email, next: safeNext(req.query.next ?? req.body?.next), formToken: loginFormToken(req, res, secure) }, status);
  r.get('/login', (req, res) => showLogin(req, res));
  r.post('/login', async (req, res) => {
    if (!checkForm(req, res, showLogin)) return;
    const result = await signIn(ctx.db, { email: req.body?.email, password: req.body?.password, device: readCookie(req, DEVICE_COOKIE) }, ctx.engine.clock.now());
    if (!result.user) {
      const en = req.lang === 'en';
      return result.locked
        ? showLogin(req, res, en ? `Too many failed sign-ins to this account: sign-in is paused for ${LOCK_MS / 60_000} minutes (a browser you signed in with before still can).` : `Prea multe încercări nereușite pentru acest cont: autentificarea este suspendată ${LOCK_MS / 60_000} de minute (dintr-un browser în care v-ați mai autentificat se poate în continuare).`, 429)
        : showLogin(req, res, en ? 'The email or the password is wrong.' : 'Adresa de e-mail sau parola nu este corectă.', 401);
    }
    res.cookie(DEVICE_COOKIE, result.device, { httpOnly: true, sameSite: 'lax', secure, maxAge: DEVICE_DAYS * 86_400_000, path: '/' });
    await startSession(req, res, result.user.id);
    res.redirect(303, safeNext(req.body?.next) || home(result.user.role));
  });

  const showSignup = (req: Request, res: Response, error?: string, status = 200) => renderPage(req, res, 'signup', { title: req.lang === 'en' ? 'Create an account' : 'Cont nou', error, name: req.body?.name, email: req.body?.email, next: safeNext(req.query.next ?? req.body?.next), formToken: loginFormToken(req, res, secure) }, status);
  r.get('/signup', (req, res) => showSignup(req, res));
  r.post('/signup', async (req, res) => {
    if (!checkForm(req, res, showSignup)) return;
    const body = req.body as Record<string, unknown>;
    if (body.password !== body.password2) return showSignup(req, res, req.lang === 'en' ? 'The two passwords differ.' : 'Cele două parole diferă.', 422);
    try {
      const user = await createUser(ctx.db, { email: String(body.email ?? ''), name: String(body.name ?? ''), role: 'citizen', password: String(body.password ?? ''), lang: req.lang ?? 'ro' }, ctx.engine.clock.now());
      await startSession(req, res, user.id);
      res.redirect(303, safeNext(body.next) || '/');
    } catch (err) {
      if (err instanceof AppError && (err.code === 'bad-input' || err.code === 'conflict')) return showSignup(req, res, errorMessage(err, req.lang ?? 'ro'), 422);
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
