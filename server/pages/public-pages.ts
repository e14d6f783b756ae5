import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { documentByVerificationCode } from '../documents/verification-store.ts';
import { normaliseVerificationCode } from '../documents/verification.ts';
import type { Limits } from '../http/rate-limits.ts';
import { publicReports, reportServices } from '../open311/open311.ts';
import { renderPage } from './view.ts';

/** Pages for anyone, signed in or not: the public list of reports and the check of issued documents. */
export function publicPages(ctx: AppContext, limits?: Pick<Limits, 'status'>): Router {
  const r = Router();

  // Pages without an icon link (documents, receipts) make browsers ask for /favicon.ico.
  const icon = fileURLToPath(new URL('./static/favicon.svg', import.meta.url));
  r.get('/favicon.ico', (_req, res) => res.type('image/svg+xml').sendFile(icon, { maxAge: 86_400_000 }));

  // Public: anyone may see where problems were reported and whether they are done, never by whom.
  r.get('/sesizari', async (req, res) => {
    const lang = req.lang ?? 'ro';
    const services = await reportServices(ctx, lang);
    const category = typeof req.query.categorie === 'string' && services.some((s) => s.code === req.query.categorie) ? req.query.categorie : '';
    const status = req.query.stare === 'open' || req.query.stare === 'closed' ? req.query.stare : undefined;
    const reports = (await publicReports(ctx, lang, { ...(category ? { category } : {}), ...(status ? { status } : {}), limit: 200 }, services))
      .map((r) => ({ ...r, closed: r.status === 'closed', hasPoint: r.lat !== null && r.lon !== null }));
    renderPage(req, res, 'reports', {
      title: lang === 'en' ? 'Reported problems' : 'Sesizări', services, reports, filter: { category, status },
      procedureKey: services[0]?.procedure.key ?? 'sesizare', hasMap: Boolean(ctx.config.map) && reports.some((r) => r.hasPoint),
    });
  });

  // A code from paper or a QR scan: typed codes are forgiven their case, spaces and dashes.
  r.get('/verificare', (req, res) => {
    const typed = typeof req.query.cod === 'string' ? req.query.cod : '';
    const code = normaliseVerificationCode(typed);
    if (code) return res.redirect(303, `/verificare/${code}${req.lang === 'en' ? '?lang=en' : ''}`);
    renderPage(req, res, 'verify', { title: req.lang === 'en' ? 'Check a document' : 'Verificați un document', typed, invalid: typed !== '' }, typed === '' ? 200 : 400);
  });

  // Codes are guessed like status codes: the same budget.
  if (limits) r.get('/verificare/:code', limits.status);
  r.get('/verificare/:code', async (req, res) => {
    const code = normaliseVerificationCode(req.params.code);
    const doc = code ? await documentByVerificationCode(ctx.db, code) : undefined;
    renderPage(req, res, 'verify', { title: req.lang === 'en' ? 'Check a document' : 'Verificați un document', code: code ?? req.params.code, doc, notFound: !doc }, doc ? 200 : 404);
  });

  return r;
}
