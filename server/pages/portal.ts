import { fileURLToPath } from 'node:url';
import express, { Router, type ErrorRequestHandler } from 'express';
import { toAppError, type AppError } from '../../engine/index.ts';
import type { FieldError } from '../../forms/index.ts';
import { serveFormsClient } from '../../forms/client/bundle.ts';
import type { AppContext } from '../context.ts';
import { checkCsrf, identify } from '../http/auth.ts';
import { httpStatus, normaliseHttpError } from '../http/errors.ts';
import { errorMessage, LANG_COOKIE, pageLanguage } from '../http/language.ts';
import type { LimitHandlers } from '../http/rate-limits.ts';
import { refuseUnstorableInput } from '../http/storable-input.ts';
import { accountPages } from './account-pages.ts';
import { adminPages } from './admin-pages.ts';
import { citizenPages } from './citizen-pages.ts';
import { openDataPages } from './open-data-pages.ts';
import { publicPages } from './public-pages.ts';
import { paymentPages } from './payment-pages.ts';
import { reconciliationPages } from './reconciliation-pages.ts';
import { clerkArchivePages } from './clerk-archive-pages.ts';
import { clerkCasePages } from './clerk-case-pages.ts';
import { clerkPages } from './clerk-pages.ts';
import { designerPages } from './designer-pages.ts';
import { qualityPages } from './quality-pages.ts';
import { renderPage } from './view.ts';

/** The page forms with file fields: a citizen's application, the answer to a request for completion, the finance department's settlement file. */
const MULTIPART_PAGES = [/^\/proceduri\/[^/]+$/, /^\/cereri\/[^/]+\/completare$/, /^\/lucru\/plati\/reconciliere$/];

/** The server-rendered pages: Romanian first, English by ?lang=en (remembered in a cookie). */
export function portal(ctx: AppContext, limits: LimitHandlers): Router {
  const r = Router();
  r.get('/static/forms-validate.js', serveFormsClient);
  r.use('/static', express.static(fileURLToPath(new URL('./static/', import.meta.url))));
  r.use('/static', express.static(fileURLToPath(new URL('../../forms/static/', import.meta.url))));
  r.use('/static/uplot', express.static(fileURLToPath(new URL('../../node_modules/uplot/dist/', import.meta.url))));
  r.use('/static/bpmn-js', express.static(fileURLToPath(new URL('../../node_modules/bpmn-js/dist/', import.meta.url))));
  r.use('/static/leaflet', express.static(fileURLToPath(new URL('../../node_modules/leaflet/dist/', import.meta.url))));
  r.use((req, res, next) => {
    if (ctx.config.map) res.locals.map = ctx.config.map;
    const asked = req.query.lang;
    if (asked === 'ro' || asked === 'en') res.cookie(LANG_COOKIE, asked, { httpOnly: true, sameSite: 'lax', maxAge: 365 * 86_400_000 });
    req.lang = pageLanguage(req);
    next();
  });
  // Before the session lookup: a refused guess costs one statement.
  r.post('/login', limits.signIn);
  r.post(['/signup', '/parola-uitata'], limits.signUp);
  r.post('/status', limits.status);
  r.post('/proceduri/:key', limits.submissions);
  r.use(identify(ctx));
  // An account signed in with a one-time password chooses its own before any other page.
  r.use((req, res, next) => (req.mustChangePassword && !['/cont/parola', '/logout'].includes(req.path) ? res.redirect(303, '/cont/parola') : next()));
  r.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000 }));
  r.use(refuseUnstorableInput);
  // Multipart posts are read by the pages that take files (CSRF is then checked on the parsed fields);
  // on any other page a multipart post has no readable token and is refused like any post without one.
  r.use((req, res, next) => (req.is('multipart/form-data') && MULTIPART_PAGES.some((page) => page.test(req.path)) ? next() : checkCsrf(req, res, next)));
  r.use(accountPages(ctx));
  r.use(publicPages(ctx, limits));
  r.use(openDataPages(ctx, limits));
  r.use(citizenPages(ctx));
  r.use(paymentPages(ctx));
  r.use(reconciliationPages(ctx));
  r.use(clerkPages(ctx));
  r.use(clerkCasePages(ctx));
  r.use(clerkArchivePages(ctx));
  r.use(designerPages(ctx));
  r.use(adminPages(ctx));
  r.use(qualityPages(ctx));
  r.use((req, res) => renderPage(req, res, 'message', { title: req.lang === 'en' ? 'Page not found' : 'Pagina nu există', message: req.lang === 'en' ? 'There is no page at this address.' : 'La această adresă nu există nicio pagină.' }, 404));
  r.use(pageErrors(ctx));
  return r;
}

function pageErrors(ctx: AppContext): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const error = toAppError(normaliseHttpError(err));
    if (error.code === 'internal') ctx.log(`internal error on ${req.method} ${req.originalUrl}: ${(error.cause as Error)?.stack ?? String(error.cause)}`);
    const status = httpStatus(error);
    if (status === 401) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    const en = req.lang === 'en';
    const message = error.code === 'internal' ? (en ? 'Something went wrong on our side. Nothing you sent was lost; please try again.' : 'A apărut o eroare la noi. Nu s-a pierdut nimic din ce ați trimis; încercați din nou.')
      : fieldMessages(error) ?? errorMessage(error, en ? 'en' : 'ro');
    const title = error.code === 'rate-limited' ? (en ? 'Too many attempts' : 'Prea multe încercări') : en ? 'We could not do that' : 'Nu am putut face asta';
    try {
      renderPage(req, res, 'message', { title, message }, status);
    } catch (renderError) {
      next(renderError);
    }
  };
}

/** A refused form with no page of its own to show again (the answer to a completion) says what each field lacks. */
function fieldMessages(error: AppError): string | undefined {
  if (error.code !== 'form-invalid' || !Array.isArray(error.details) || error.details.length === 0) return undefined;
  return (error.details as FieldError[]).map((e) => e.message).join(' ');
}

/**
 * The app's last error handler, for what the portal's own could not answer (a page that failed to
 * render, an error outside the portal): a plain page in the reader's language, never a stack.
 */
export function lastResortErrors(ctx: AppContext): ErrorRequestHandler {
  return (err, req, res, _next) => {
    ctx.log(`unhandled error on ${req.method} ${req.originalUrl}: ${(err as Error)?.stack ?? String(err)}`);
    if (res.headersSent) {
      // Half a page was sent: cut the connection so the client sees a failure, not a short page.
      req.socket.destroy();
      return;
    }
    const error = toAppError(normaliseHttpError(err));
    const en = (req.lang ?? pageLanguage(req)) === 'en';
    const status = httpStatus(error);
    const text = error.code === 'internal' ? (en ? 'Something went wrong on our side. Please try again.' : 'A apărut o eroare la noi. Încercați din nou.') : errorMessage(error, en ? 'en' : 'ro');
    const title = en ? 'We could not do that' : 'Nu am putut face asta';
    res.status(status).type('html').send(`<!doctype html><html lang="${en ? 'en' : 'ro'}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/">${en ? 'Home' : 'Prima pagină'}</a></p></body></html>`);
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
