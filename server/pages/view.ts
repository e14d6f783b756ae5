import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response } from 'express';
import Handlebars from 'handlebars';
import { localDate, romanianDate } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import type { User } from '../auth/users.ts';
import type { MapSettings } from '../context.ts';

const hb = Handlebars.create();
const dir = fileURLToPath(new URL('./templates/', import.meta.url));
const templates = new Map<string, HandlebarsTemplateDelegate>();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
  const name = basename(file, '.hbs');
  const source = readFileSync(join(dir, file), 'utf8');
  if (name.startsWith('_')) hb.registerPartial(name.slice(1), source);
  else templates.set(name, hb.compile(source, { strict: false }));
}

/** dd.mm.yyyy for an ISO date or date-time (Bucharest day for instants). */
function day(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  return romanianDate(/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : localDate(value));
}

function dayTime(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  return new Date(value).toLocaleString('ro-RO', { timeZone: 'Europe/Bucharest', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

hb.registerHelper('day', day);
hb.registerHelper('dayTime', dayTime);
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('t', function (this: unknown, text: unknown, options: { data: { root: { lang: Lang } } }) {
  if (text && typeof text === 'object' && 'ro' in text) return (text as Record<Lang, string>)[options.data.root.lang] ?? (text as Record<Lang, string>).ro;
  return text;
});
/** A file's type as people name it ("PDF", "JPEG"), not its media type. */
hb.registerHelper('fileType', (mediaType: unknown) => {
  const type = typeof mediaType === 'string' ? mediaType.toLowerCase() : '';
  const named: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/gif': 'GIF', 'image/webp': 'WebP', 'text/plain': 'TXT', 'application/msword': 'Word', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word', 'application/zip': 'ZIP' };
  return named[type] ?? (type.split('/')[1] ?? '').replace(/^x-/, '').toUpperCase();
});
hb.registerHelper('json', (value: unknown) => JSON.stringify(value, null, 2));

export interface PageModel {
  title: string;
  [key: string]: unknown;
}

/** Renders a page inside the layout; `html` values passed as SafeString stay unescaped (forms). */
export function renderPage(req: Request, res: Response, name: string, model: PageModel, status = 200): void {
  const template = templates.get(name);
  if (!template) throw new Error(`No page template ${name}`);
  const lang = req.lang ?? 'ro';
  const root = { ...model, lang, en: lang === 'en', user: req.user, csrf: req.csrf, path: req.originalUrl, ...roleFlags(req.user) };
  const body = template(root);
  const validates = body.includes('data-validate');
  // Pages with a map load Leaflet and may show the configured tiles, and only they.
  const map = body.includes('data-map') ? (res.locals.map as MapSettings | undefined) : undefined;
  if (map && typeof res.getHeader('Content-Security-Policy') === 'string') {
    res.setHeader('Content-Security-Policy', String(res.getHeader('Content-Security-Policy')).replace("img-src 'self'", `img-src 'self' ${tileOrigin(map.tiles)}`));
  }
  // ajv compiles schemas to functions: pages that validate in the browser allow that, and only they.
  const csp = res.getHeader('Content-Security-Policy');
  if (validates && typeof csp === 'string') res.setHeader('Content-Security-Policy', csp.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"));
  // Pages with charts (the quality dashboard) load uPlot, and only they.
  const charts = body.includes('data-charts');
  // The procedure heatmap draws the model with bpmn-js's viewer, and only it.
  const heatmap = body.includes('data-heatmap');
  res.status(status).type('html').send(templates.get('layout')!({ ...root, validates, charts, heatmap, ...(map ? { mapJson: JSON.stringify(map) } : {}), body: new hb.SafeString(body) }));
}

/** The tiles' origin as a CSP source: a subdomain placeholder ({s}) becomes a wildcard. */
function tileOrigin(tiles: string): string {
  return (/^https?:\/\/[^/]+/.exec(tiles)?.[0] ?? "'none'").replace('{s}', '*');
}

export function safe(html: string): Handlebars.SafeString {
  return new hb.SafeString(html);
}

function roleFlags(user: User | undefined) {
  return { isCitizen: user?.role === 'citizen', isClerk: user?.role === 'clerk' || user?.role === 'admin', isAnalyst: user?.role === 'analyst' || user?.role === 'admin', isAdmin: user?.role === 'admin', seesQuality: user?.role === 'admin' || user?.role === 'sef' };
}

declare module 'express-serve-static-core' {
  interface Request {
    lang?: Lang;
  }
}
