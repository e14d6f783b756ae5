import type { Request } from 'express';
import type { AppError } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import { readCookie } from './auth.ts';

/** Where the pages remember a reader's ?lang= choice. */
export const LANG_COOKIE = 'dosar_lang';

/** Pages: ?lang=ro|en, else the remembered choice, else Romanian. */
export function pageLanguage(req: Request): Lang {
  const asked = req.query?.lang;
  if (asked === 'ro' || asked === 'en') return asked;
  return readCookie(req, LANG_COOKIE) === 'en' ? 'en' : 'ro';
}

/** The API: English when ?lang= or Accept-Language asks for it, else the caller's account language, else Romanian. */
export function apiLanguage(req: Request): Lang {
  return askedLanguage(req.query?.lang ?? req.headers['accept-language']) ?? req.user?.lang ?? 'ro';
}

/** English when ?lang= or Accept-Language (whichever is given, in that order) asks for it. */
export function askedLanguage(asked: unknown): Lang | undefined {
  return typeof asked === 'string' && /^en\b/i.test(asked) ? 'en' : undefined;
}

/** An error's message as the reader sees it: in their language when it was written in each. */
export function errorMessage(error: AppError, lang: Lang): string {
  return error.wording ? error.wording[lang] : error.message;
}
