import type { RequestHandler } from 'express';
import { AppError, type Wording, findUnstorableText, pointerSegment, unstorableMessage } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import { apiLanguage } from './language.ts';

/**
 * Refuses a request carrying text PostgreSQL cannot store (NUL, a lone UTF-16 surrogate, or
 * percent-encoding that is not UTF-8) in its path, query or parsed body, before any route reads it:
 * one check instead of one per route, so none can fail with a 500 halfway through its writes.
 * Mounted after the body parsers; bodies a route reads itself (multipart) are checked where they
 * are validated (validateForm, the engine's variables, the package deploy).
 */
export const refuseUnstorableInput: RequestHandler = (req, _res, next) => {
  // Pages know their reader's language by now; the API is checked before it knows the caller.
  next(unstorableInput(req.originalUrl, req.query, req.body, req.lang ?? apiLanguage(req)));
};

/** The refusal of a request whose URL (path and query) or parsed body holds unstorable text, if it does. */
export function unstorableInput(url: string, query: unknown, body: unknown, lang: Lang): AppError | undefined {
  const where = unstorableIn(url, query, body);
  if (!where) return undefined;
  const message = unstorableMessage(where.what, where.pointer);
  return new AppError('bad-input', message, { details: [{ pointer: where.pointer, field: where.pointer.split('/').filter(Boolean).join('.'), keyword: 'text', message: message[lang] }] });
}

function unstorableIn(url: string, query: unknown, body: unknown): { what: Wording; pointer: string } | undefined {
  const [path = '', search = ''] = splitUrl(url);
  // Path parameters are decoded only once a route matches; the raw path says it for all of them.
  if (!decodesToStorable(path)) return { what: { ro: 'Adresa', en: 'The address' }, pointer: '' };
  // The query parser turns bad percent-encoding into U+FFFD; refuse it rather than guess.
  for (const part of search.split('&')) {
    if (!decodesToStorable(part.replace(/\+/g, ' '))) return { what: { ro: 'Un parametru al adresei', en: 'A query parameter' }, pointer: parameterPointer(part) };
  }
  const inQuery = findUnstorableText(query);
  if (inQuery !== undefined) return { what: { ro: 'Un parametru al adresei', en: 'A query parameter' }, pointer: inQuery };
  const inBody = findUnstorableText(body);
  if (inBody !== undefined) return { what: { ro: 'Textul trimis', en: 'The text sent' }, pointer: inBody };
  return undefined;
}

/** `/name` of a query part whose name itself can be read and stored, else '' (the whole query). */
function parameterPointer(part: string): string {
  const name = part.split('=')[0]!.replace(/\+/g, ' ');
  return decodesToStorable(name) ? `/${pointerSegment(decodeURIComponent(name))}` : '';
}

function splitUrl(url: string): [string, string] {
  const at = url.indexOf('?');
  return at < 0 ? [url, ''] : [url.slice(0, at), url.slice(at + 1)];
}

function decodesToStorable(text: string): boolean {
  if (!text.includes('%')) return findUnstorableText(text) === undefined;
  try {
    return findUnstorableText(decodeURIComponent(text)) === undefined;
  } catch {
    return false;
  }
}
