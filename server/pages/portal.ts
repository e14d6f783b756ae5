import { fileURLToPath } from 'node:url';
import express, { Router, type ErrorRequestHandler } from 'express';
import { toAppError } from '../../engine/errors.ts';
import { serveFormsClient } from '../../forms/client/bundle.ts';
import type { AppContext } from '../context.ts';
import { checkCsrf, identify, readCookie } from '../http/auth.ts';
import { httpStatus, normaliseHttpError } from '../http/errors.ts';
import { accountPages } from './account-pages.ts';
import { adminPages } from './admin-pages.ts';
import { citizenPages } from './citizen-pages.ts';
import { clerkPages } from './clerk-pages.ts';
import { designerPages } from './designer-pages.ts';
import { renderPage } from './view.ts';
import { pick } from './words.ts';

const LANG_COOKIE = 'dosar_lang';
/** The page forms with file fields: a citizen's application and the answer to a request for completion. */
const MULTIPART_PAGES = [/^\/proceduri\/[^/]+$/, /^\/cereri\/[^/]+\/completare$/];

/** The server-rendered pages: Romanian first, English by ?lang=en (remembered in a cookie). */
export function portal(ctx: AppContext): Router {
  const r = Router();
  r.get('/static/forms-validate.js', serveFormsClient);
  r.use('/static', express.static(fileURLToPath(new URL('./static/', import.meta.url))));
  r.use('/static', express.static(fileURLToPath(new URL('../../forms/static/', import.meta.url))));
  r.use('/static/bpmn-js', express.static(fileURLToPath(new URL('../../node_modules/bpmn-js/dist/', import.meta.url))));
  r.use((req, res, next) => {
    const asked = req.query.lang;
    if (asked === 'ro' || asked === 'en') {
      res.cookie(LANG_COOKIE, asked, { httpOnly: true, sameSite: 'lax', maxAge: 365 * 86_400_000 });
      req.lang = asked;
    } else {
      const remembered = readCookie(req, LANG_COOKIE);
      req.lang = remembered === 'en' || remembered === 'ro' ? remembered : 'ro';
    }
    next();
  });
  r.use(identify(ctx));
  r.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000 }));
  // Multipart posts are read by the pages that take files (CSRF is then checked on the parsed fields);
  // on any other page a multipart post has no readable token and is refused like any post without one.
  r.use((req, res, next) => (req.is('multipart/form-data') && MULTIPART_PAGES.some((page) => page.test(req.path)) ? next() : checkCsrf(req, res, next)));
  r.use(accountPages(ctx));
  r.use(citizenPages(ctx));
  r.use(clerkPages(ctx));
  r.use(designerPages(ctx));
  r.use(adminPages(ctx));
  r.use((req, res) => renderPage(req, res, 'message', { title: req.lang === 'en' ? 'Page not found' : 'Pagina nu există', message: req.lang === 'en' ? 'There is no page at this address.' : 'La această adresă nu există nicio pagină.' }, 404));
  r.use(pageErrors(ctx));
  return r;
}

function pageErrors(ctx: AppContext): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = toAppError(normaliseHttpError(err));
    if (error.code === 'internal') ctx.log(`internal error on ${req.method} ${req.originalUrl}: ${(error.cause as Error)?.stack ?? String(error.cause)}`);
    const status = httpStatus(error);
    if (status === 401) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    const en = req.lang === 'en';
    const message = error.code === 'internal' ? (en ? 'Something went wrong on our side. Nothing you sent was lost; please try again.' : 'A apărut o eroare la noi. Nu s-a pierdut nimic din ce ați trimis; încercați din nou.') : pick(error.message, en);
    renderPage(req, res, 'message', { title: en ? 'We could not do that' : 'Nu am putut face asta', message }, status);
  };
}
