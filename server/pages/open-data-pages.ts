import { Router, type Request, type Response } from 'express';
import { AppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { httpStatus } from '../http/errors.ts';
import { errorMessage } from '../http/language.ts';
import type { Limits } from '../http/rate-limits.ts';
import { listLatestPackages } from '../procedures/catalogue.ts';
import { catalog } from '../quality/dcat.ts';
import { firstOfMonth, monthlyCsv, monthlyRows, publishedSpan, report544, type Report544 } from '../quality/open-data.ts';
import { renderPage } from './view.ts';

/** What the page says for each art. 27 item the aggregates cannot give. */
const NOT_COMPUTED_TEXT: Record<string, { ro: string; en: string }> = {
  'requests-by-channel': { ro: 'cererile după modul de adresare (scris, e-mail, verbal)', en: 'requests by channel (letter, e-mail, in person)' },
  'requests-by-domain': { ro: 'cererile pe domenii de interes', en: 'requests by area of interest' },
  'refusal-reasons': { ro: 'motivele respingerilor (exceptate, inexistente etc.)', en: 'reasons for refusal (exempt, not held, etc.)' },
  'forwarded-to-other-institutions': { ro: 'cererile redirecționate către alte instituții', en: 'requests forwarded to other institutions' },
  'complaints-outcome': { ro: 'soluția reclamațiilor administrative (admise / respinse)', en: 'outcome of administrative complaints (upheld / rejected)' },
  'court-cases': { ro: 'plângerile în instanță și soluțiile lor', en: 'court cases and their outcome' },
  'costs': { ro: 'costurile compartimentului și sumele încasate pentru copii', en: 'costs of the office and fees collected for copies' },
};

const YEAR = /^\d{4}$/;

/** The open data (issue #18): public, anonymous, aggregates only. */
export function openDataPages(ctx: AppContext, limits?: Pick<Limits, 'status'>): Router {
  const r = Router();
  // Public and cheap, but each answer reads the aggregates: the public pages' budget per address.
  if (limits) r.use('/date-deschise', limits.status);

  const titles = async () => {
    const packages = await listLatestPackages(ctx.db);
    const map = new Map(packages.map((p) => [p.key, p.meta.title.ro]));
    return (key: string) => map.get(key) ?? key;
  };
  const now = () => ctx.engine.clock.now();

  r.get('/date-deschise', async (req, res) => {
    const en = req.lang === 'en';
    const span = await publishedSpan(ctx.db, now());
    const lastYear = Number(firstOfMonth(now()).slice(0, 4)) - 1;
    renderPage(req, res, 'open-data', { title: en ? 'Open data' : 'Date deschise', span, institution: ctx.config.institution, reportYears: [lastYear, lastYear + 1] });
  });

  r.get('/date-deschise/cereri-lunare.csv', async (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('cereri-lunare.csv').send(monthlyCsv(await monthlyRows(ctx.db, now(), await titles())));
  });

  r.get('/date-deschise/cereri-lunare.json', async (_req, res) => {
    const rows = await monthlyRows(ctx.db, now(), await titles());
    res.json({ institutie: ctx.config.institution, licenta: 'CC-BY-4.0', generat: firstOfMonth(now()), randuri: rows });
  });

  r.get('/date-deschise/catalog.jsonld', async (_req, res) => {
    const span = await publishedSpan(ctx.db, now());
    const modified = span ? new Date(Date.parse(`${span.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : firstOfMonth(now());
    res.type('application/ld+json; charset=utf-8').send(JSON.stringify(catalog({ publicUrl: ctx.config.publicUrl, institution: ctx.config.institution, span, modified }), null, 2));
  });

  const load = async (req: Request): Promise<Report544> => {
    const year = String(req.params.year);
    if (!YEAR.test(year)) throw new AppError('bad-input', { ro: 'Anul trebuie scris cu patru cifre, de exemplu 2025.', en: 'The year must have four digits, e.g. 2025.' });
    const report = await report544(ctx.db, Number(year), now());
    if (!report) throw new AppError('not-found', { ro: `Raportul pe ${year} nu există încă: se publică după încheierea primei luni a anului.`, en: `There is no report for ${year} yet: it is published once the year's first month has ended.` });
    return report;
  };

  r.get('/date-deschise/raport-544/:year.json', async (req, res) => {
    try {
      res.json(await load(req));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      jsonError(res, err, req.lang === 'en' ? 'en' : 'ro');
    }
  });

  r.get('/date-deschise/raport-544/:year', async (req, res) => {
    const report = await load(req);
    const en = req.lang === 'en';
    const f = report.figures;
    renderPage(req, res, 'report-544', {
      title: en ? `Legea 544/2001 report, ${report.year}` : `Raport Legea 544/2001, ${report.year}`,
      report, institution: ctx.config.institution,
      inTermShare: f && f.answered ? `${Math.round((f.answeredInTerm / f.answered) * 1000) / 10}%` : null,
      notComputed: report.notComputed.map((k) => NOT_COMPUTED_TEXT[k]?.[en ? 'en' : 'ro'] ?? k),
    });
  });

  return r;
}

function jsonError(res: Response, err: AppError, lang: 'ro' | 'en'): void {
  res.status(httpStatus(err)).json({ error: { code: err.code, message: errorMessage(err, lang) } });
}
