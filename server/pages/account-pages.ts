import { Router, type Request, type Response } from 'express';
import { AppError } from '../../engine/index.ts';
import { assertResetLink, changePassword, finishPasswordReset, startPasswordReset } from '../auth/passwords.ts';
import { createSession, destroySession, SESSION_COOKIE } from '../auth/sessions.ts';
import { DEVICE_COOKIE, DEVICE_DAYS, LOCK_MS, signIn } from '../auth/sign-in.ts';
import { createUser } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { assertLoginCsrf, LOGIN_CSRF_COOKIE, loginFormToken, readCookie, requireUser } from '../http/auth.ts';
import { errorMessage } from '../http/language.ts';
import { notifyInBackground } from '../notifications/notify.ts';
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
  const home = (role: string) => (role === 'clerk' || role === 'admin' ? '/lucru' : role === 'analyst' ? '/designer' : role === 'sef' ? '/calitate' : '/cereri');
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

  // Forgotten password (citizens): a link by mail. The answer is the same whether or not the email
  // has an account, and a staff account gets no mail (its administrator resets it).
  const showForgot = (req: Request, res: Response, error?: string, status = 200) => renderPage(req, res, 'password-forgot', { title: req.lang === 'en' ? 'Forgotten password' : 'Parolă uitată', error, email: req.body?.email, formToken: loginFormToken(req, res, secure) }, status);
  r.get('/parola-uitata', (req, res) => showForgot(req, res));
  r.post('/parola-uitata', async (req, res) => {
    if (!checkForm(req, res, showForgot)) return;
    // A malformed address says nothing about accounts: it is refused like on the sign-up form.
    const email: unknown = req.body?.email;
    if (typeof email !== 'string' || !/^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/.test(email.trim())) return showForgot(req, res, req.lang === 'en' ? 'The email address is not valid.' : 'Adresa de e-mail nu este validă.', 422);
    const started = await startPasswordReset(ctx.db, req.body?.email, ctx.engine.clock.now());
    if (started) {
      const resetUrl = `${ctx.config.publicUrl}/parola-noua?token=${started.token}`;
      notifyInBackground(ctx, { to: started.user.email, template: 'password-reset', lang: started.user.lang, data: { name: started.user.name, resetUrl } });
    }
    renderPage(req, res, 'password-forgot', { title: req.lang === 'en' ? 'Forgotten password' : 'Parolă uitată', sent: true });
  });

  const newPasswordTitle = (req: Request) => (req.lang === 'en' ? 'Choose a new password' : 'Alegeți o parolă nouă');
  const showReset = (req: Request, res: Response, error?: string, status = 200) => renderPage(req, res, 'password-new', { title: newPasswordTitle(req), action: '/parola-noua', token: req.query.token ?? req.body?.token, error, formToken: loginFormToken(req, res, secure) }, status);
  r.get('/parola-noua', async (req, res) => {
    await assertResetLink(ctx.db, req.query.token, ctx.engine.clock.now());
    showReset(req, res);
  });
  r.post('/parola-noua', async (req, res) => {
    if (!checkForm(req, res, showReset)) return;
    const body = req.body as Record<string, unknown>;
    if (body.password !== body.password2) return showReset(req, res, req.lang === 'en' ? 'The two passwords differ.' : 'Cele două parole diferă.', 422);
    try {
      const user = await finishPasswordReset(ctx.db, body.token, body.password, ctx.engine.clock.now());
      await startSession(req, res, user.id);
      res.redirect(303, home(user.role));
    } catch (err) {
      if (err instanceof AppError && err.code === 'bad-input') return showReset(req, res, errorMessage(err, req.lang ?? 'ro'), 422);
      throw err;
    }
  });

  // A signed-in account changes its password; after a one-time password it must, before any other page.
  const showChange = (req: Request, res: Response, error?: string, status = 200) => renderPage(req, res, 'password-new', { title: newPasswordTitle(req), action: '/cont/parola', forced: req.mustChangePassword, askCurrent: !req.mustChangePassword, error, formToken: req.csrf }, status);
  r.get('/cont/parola', (req, res) => {
    requireUser(req);
    showChange(req, res);
  });
  r.post('/cont/parola', async (req, res) => {
    const user = requireUser(req);
    const body = req.body as Record<string, unknown>;
    if (body.password !== body.password2) return showChange(req, res, req.lang === 'en' ? 'The two passwords differ.' : 'Cele două parole diferă.', 422);
    try {
      await changePassword(ctx.db, user.id, { current: body.current, password: body.password, forced: req.mustChangePassword === true });
    } catch (err) {
      if (err instanceof AppError && err.code === 'bad-input') return showChange(req, res, errorMessage(err, req.lang ?? 'ro'), 422);
      throw err;
    }
    // Every session of the account ended with the old password; this browser gets a new one.
    req.sessionId = undefined;
    await startSession(req, res, user.id);
    res.redirect(303, home(user.role));
  });

  r.post('/logout', async (req, res) => {
    if (req.sessionId) await destroySession(ctx.db, req.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/');
  });
  return r;
}
