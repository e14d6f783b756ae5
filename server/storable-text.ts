import { AppError, type ErrorCode, type Wording, findUnstorableText } from '../engine/index.ts';

/** "<what> (<pointer>) contains characters that are not allowed", in each language. */
export function unstorableWording(what: Wording, pointer: string): Wording {
  const where = pointer ? ` (${pointer})` : '';
  return {
    ro: `${what.ro}${where} conține caractere nepermise (NUL sau surogate UTF-16 izolate).`,
    en: `${what.en}${where} contains characters that are not allowed (NUL or lone UTF-16 surrogates).`,
  };
}

/** Refuses (bad-input unless told) text PostgreSQL cannot store, naming where it is. */
export function assertStorable(value: unknown, what: Wording, code: ErrorCode = 'bad-input'): void {
  const pointer = findUnstorableText(value);
  if (pointer !== undefined) throw new AppError(code, unstorableWording(what, pointer), { details: { pointer } });
}
