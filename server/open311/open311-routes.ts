import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { AppError, isUuid, toAppError } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import { userOfToken } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { httpStatus, normaliseHttpError } from '../http/errors.ts';
import { errorMessage } from '../http/language.ts';
import { refuseUnstorableInput } from '../http/storable-input.ts';
import { publicReports, reportServices, submitReport } from './open311.ts';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON only, so that existing
 * reporting apps can list the city hall's report categories, read reports and file new ones.
 * Reading is public and shows no personal data; filing needs a citizen's API token (`api_key` or
 * `Authorization: Bearer`), never a session cookie, so no other site can file in a visitor's name.
 */
export function open311Routes(ctx: AppContext, submissions: RequestHandler): Router {
  const r = Router();
  r.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 }));
  r.use(express.json({ limit: '64kb' }));
  r.use(refuseUnstorableInput);

  r.get('/services.json', async (req, res) => {
    const lang = langOf(req);
    res.json((await reportServices(ctx, lang)).map((s) => ({
      service_code: s.code,
      service_name: s.name,
      description: s.procedure.meta.title[lang],
      metadata: false,
      type: 'realtime',
      keywords: ((s.procedure.meta.keywords as string[] | undefined) ?? []).join(','),
      group: s.procedure.meta.title[lang],
    })));
  });

  r.get('/requests.json', async (req, res) => {
    const q = req.query;
    const ids = typeof q.service_request_id === 'string' ? q.service_request_id.split(',').map((s) => s.trim()) : undefined;
    if (ids && (ids.length > 200 || !ids.every(isUuid))) throw new AppError('bad-input', 'service_request_id must be a comma-separated list of request ids (at most 200)');
    const status = typeof q.status === 'string' ? q.status : undefined;
    if (status !== undefined && status !== 'open' && status !== 'closed') throw new AppError('bad-input', 'status must be open or closed');
    const reports = await publicReports(ctx, langOf(req), {
      ...(ids ? { ids } : {}),
      ...(typeof q.service_code === 'string' ? { category: q.service_code } : {}),
      ...(status ? { status } : {}),
      ...date('start_date', q.start_date, 'from'),
      ...date('end_date', q.end_date, 'to'),
      limit: 1000,
    });
    res.json(reports.map(geoReport));
  });

  r.get('/requests/:id.json', async (req, res) => {
    const id = req.params.id;
    const [report] = isUuid(id) ? await publicReports(ctx, langOf(req), { ids: [id], limit: 1 }) : [];
    if (!report) throw new AppError('not-found', 'No such service request');
    res.json([geoReport(report)]);
  });

  r.post('/requests.json', submissions, async (req, res) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? (typeof body.api_key === 'string' ? body.api_key : undefined);
    const user = token ? await userOfToken(ctx.db, token.trim(), ctx.engine.clock.now()) : undefined;
    if (!user) throw new AppError('unauthorized', { ro: 'Trimiteți api_key: un token de acces al unui cont de cetățean (Contul meu → Tokenuri). Sesizările anonime nu se iau în considerare (OG 27/2002 art. 7).', en: 'Send api_key: an access token of a citizen account (My account → Tokens). Anonymous reports are not considered (OG 27/2002 art. 7).' });
    if (user.role !== 'citizen') throw new AppError('forbidden', { ro: 'Doar cetățenii depun sesizări.', en: 'Only citizens file reports.' });
    const lang = langOf(req);
    const filed = await submitReport(ctx, user, lang, body);
    res.status(201).json([{
      service_request_id: filed.id,
      service_notice: lang === 'en'
        ? `Registered under no. ${filed.registrationNumber}${filed.dueDate ? `; answer by ${filed.dueDate}` : ''}`
        : `Înregistrată cu nr. ${filed.registrationNumber}${filed.dueDate ? `; răspuns până la ${filed.dueDate}` : ''}`,
      account_id: null,
    }]);
  });

  r.use((_req, _res, next) => next(new AppError('not-found', 'No such Open311 endpoint (this server speaks GeoReport v2 in JSON)')));
  r.use(open311Errors(ctx.log));
  return r;
}

function geoReport(r: Awaited<ReturnType<typeof publicReports>>[number]) {
  return {
    service_request_id: r.id,
    status: r.status,
    service_code: r.category,
    service_name: r.serviceName,
    ...(r.department ? { agency_responsible: r.department } : {}),
    requested_datetime: r.submittedAt,
    updated_datetime: r.updatedAt,
    ...(r.dueDate ? { expected_datetime: r.dueDate } : {}),
    address: r.address,
    ...(r.lat !== null && r.lon !== null ? { lat: r.lat, long: r.lon } : {}),
  };
}

function langOf(req: Request): Lang {
  const asked = req.query.lang ?? req.headers['accept-language'];
  return typeof asked === 'string' && /^en\b/i.test(asked) ? 'en' : 'ro';
}

function date(name: string, value: unknown, key: 'from' | 'to'): { from?: Date; to?: Date } {
  if (value === undefined) return {};
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new AppError('bad-input', `${name} must be a W3C date-time, e.g. 2026-12-01T00:00:00Z`);
  return { [key]: d };
}

/** GeoReport v2 errors: a list of { code, description }, with the HTTP status as the code. */
function open311Errors(log: (message: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = toAppError(normaliseHttpError(err));
    if (error.code === 'internal') log(`internal error: ${(error.cause as Error)?.stack ?? String(error.cause)}`);
    const status = httpStatus(error);
    const details = Array.isArray(error.details) ? (error.details as Array<{ field?: string; message?: string }>).map((d) => ` ${d.field ?? ''}: ${d.message ?? ''}`).join(';') : '';
    res.status(status).json([{ code: status, description: `${errorMessage(error, langOf(req)).replace(/\.$/, '')}${details ? `:${details}` : ''}` }]);
  };
}
