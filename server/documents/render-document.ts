import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { localDate, romanianDate, AppError } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import type { PdfRenderer } from './pdf.ts';

export interface RenderOptions {
  title: string;
  lang: Lang;
  institution: string;
  registrationNumber?: string;
  /** Where anyone checks the document: its code, the page's address and that address as a QR code (SVG). */
  verification?: { code: string; url: string; qr: string };
}

export interface RenderedDocument {
  html: string;
  pdf?: Buffer;
  /** Of the PDF when one was made, else of the HTML: it is what gets archived and registered. */
  sha256: string;
}

// A private environment, so helpers or partials registered elsewhere never leak into documents.
const hb = Handlebars.create();

hb.registerHelper('date', (value: unknown) => formatDate(value));
// A calendar date N days later, e.g. a certificate's validity: {{date (addDays date 30)}}.
hb.registerHelper('addDays', (value: unknown, days: unknown) => addDays(value, days));
hb.registerHelper('upper', (value: unknown) => (value === undefined || value === null ? '' : String(value).toLocaleUpperCase('ro-RO')));

const LABELS = {
  ro: { number: 'Nr.', code: 'Cod de verificare', check: 'Verificați autenticitatea la' },
  en: { number: 'No.', code: 'Verification code', check: 'Check that it is authentic at' },
} as const;

// The layout is ours and inserts the already-escaped body, so it alone may use {{{ }}}.
const layout = hb.compile(readFileSync(new URL('./layout.hbs', import.meta.url), 'utf8'));

const CACHE_LIMIT = 256;
const cache = new Map<string, HandlebarsTemplateDelegate>();

/** Renders a procedure's document template into a complete, printable A4 HTML page. */
export function renderDocumentHtml(template: string, data: Record<string, unknown>, options: RenderOptions): string {
  const compiled = compile(template);
  let body: string;
  try {
    body = compiled(data);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // Strict mode: a missing field must stop the document rather than leave a silent blank in an official act.
    throw new AppError('bad-input', `Documentul nu poate fi generat: ${describe(err)}`, { cause: err });
  }
  return layout({ ...options, labels: LABELS[options.lang], body });
}

/** HTML always; PDF too when a renderer is given (callers check PdfRenderer.available() first). */
export async function renderDocument(
  template: string,
  data: Record<string, unknown>,
  options: RenderOptions,
  pdf?: PdfRenderer,
): Promise<RenderedDocument> {
  const html = renderDocumentHtml(template, data, options);
  if (!pdf) return { html, sha256: sha256(Buffer.from(html, 'utf8')) };
  const bytes = await pdf.render(html);
  return { html, pdf: bytes, sha256: sha256(bytes) };
}

function compile(template: string): HandlebarsTemplateDelegate {
  const key = sha256(Buffer.from(template, 'utf8'));
  const hit = cache.get(key);
  if (hit) return hit;
  // Templates are written by analysts: every value must go through escaping, so unescaped output is refused outright.
  const raw = /\{\{~?\s*[{&]/.exec(template);
  if (raw) {
    throw new AppError('bad-input', `Șablonul folosește {{{ }}} sau {{& }} (linia ${lineOf(template, raw.index)}); toate valorile trebuie scrise cu {{ }}.`);
  }
  try {
    // hb.compile is lazy; parsing first surfaces syntax errors now, with their line.
    hb.parse(template);
  } catch (err) {
    throw new AppError('bad-input', `Șablonul documentului nu se compilează (linia ${errorLine(err) ?? '?'}): ${describe(err)}`, { cause: err });
  }
  const compiled = hb.compile(template, { strict: true });
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

function formatDate(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  let iso: string;
  if (value instanceof Date && !Number.isNaN(value.getTime())) iso = localDate(value);
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) iso = value;
  // An instant is shown as the Bucharest calendar day, which is the legal day.
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) iso = localDate(value);
  else throw new AppError('bad-input', `Valoarea „${String(value)}” nu este o dată validă (invalid date).`);
  return romanianDate(iso);
}

function addDays(value: unknown, days: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !Number.isInteger(days)) {
    throw new AppError('bad-input', `addDays needs a date (YYYY-MM-DD) and a whole number of days, not „${String(value)}” and „${String(days)}”.`);
  }
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + (days as number))).toISOString().slice(0, 10);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

function errorLine(err: unknown): number | undefined {
  const e = err as { lineNumber?: number; message?: string };
  if (typeof e.lineNumber === 'number') return e.lineNumber;
  const m = /on line (\d+)/.exec(e.message ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Handlebars messages carry an ASCII caret diagram; keep the words, drop the drawing. */
function describe(err: unknown): string {
  const lines = (err instanceof Error ? err.message : String(err)).split('\n');
  return lines.filter((l) => !/^-*\^$/.test(l)).join(' ');
}
