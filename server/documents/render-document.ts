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

/** What a procedure's template is given at its top level (issue-document.ts). */
const DOCUMENT_ROOTS = new Set(['request', 'variables', 'incomingNumber', 'registrationNumber', 'date']);
/** Blocks whose body is read in the template's own context; any other block's is its value's. */
const SAME_CONTEXT = new Set(['if', 'unless']);
/** Output that would not be escaped: {{{ }}} and {{& }}. */
const RAW_OUTPUT = /\{\{~?\s*[{&]/;

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
    const missing = /^"([^"]*)" not defined in .* - (\d+):(\d+)$/.exec(describe(err));
    if (missing) {
      // Handlebars names the last part of the path; the template at its line and column has all of it.
      const [, part, line, column] = missing;
      const path = /^[^\s}()]+/.exec(template.split('\n')[Number(line) - 1]?.slice(Number(column)) ?? '')?.[0] ?? part;
      throw new AppError('bad-input', {
        ro: `Documentul nu poate fi generat: șablonul cere „${path}” (linia ${line}), dar cererea nu are această valoare.`,
        en: `The document cannot be made: its template asks for "${path}" (line ${line}), which the request does not have.`,
      }, { cause: err });
    }
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
  const raw = RAW_OUTPUT.exec(template);
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

/**
 * A procedure template's problems found before any document is issued: {{{ }}}, syntax, and a
 * plain {{name}} that is none of the document's data, which strict mode would refuse only when a
 * clerk issues the document. Inside #each, #with and other sections the context is their value's,
 * so it is not checked.
 */
export function templateProblems(template: string): string[] {
  const raw = RAW_OUTPUT.exec(template);
  if (raw) return [`line ${lineOf(template, raw.index)}: {{{ }}} and {{& }} are refused; every value is written with {{ }}, which escapes it`];
  let program: hbs.AST.Program;
  try {
    program = hb.parse(template);
  } catch (err) {
    return [`line ${errorLine(err) ?? '?'}: ${describe(err)}`];
  }
  const problems: string[] = [];
  // As strict mode at issue: a plain {{name}} must exist, a helper's arguments ({{#if name}}) need not.
  const visit = (body: hbs.AST.Statement[]) => {
    for (const statement of body) {
      if (statement.type === 'MustacheStatement') {
        const { path, params, hash } = statement as hbs.AST.MustacheStatement;
        if (params.length === 0 && !hash && path.type === 'PathExpression') check(path as hbs.AST.PathExpression);
      }
      if (statement.type !== 'BlockStatement') continue;
      const block = statement as hbs.AST.BlockStatement;
      const helper = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
      if (SAME_CONTEXT.has(helper) && block.program) visit(block.program.body);
      if (block.inverse) visit(block.inverse.body);
    }
  };
  const check = (path: hbs.AST.PathExpression) => {
    const head = path.parts[0];
    if (path.data || path.depth > 0 || head === undefined || /^this\b/.test(path.original)) return;
    if (DOCUMENT_ROOTS.has(head) || Object.hasOwn(hb.helpers, head)) return;
    problems.push(`line ${path.loc.start.line}: {{${path.original}}} names nothing a document is given; write {{request.${path.original}}} for the citizen's form, {{variables.${path.original}}} for the process's variables (also given: incomingNumber, registrationNumber, date)`);
  };
  visit(program.body);
  return problems;
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
