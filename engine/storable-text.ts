import { AppError, type ErrorCode, type Wording } from './errors.ts';

/**
 * Text PostgreSQL can store: its text and jsonb types refuse the NUL character (U+0000), and a lone
 * UTF-16 surrogate (\ud800 without its pair) has no UTF-8 form at all. Both can arrive from outside
 * (JSON escapes, %00 in a form post, a file) and would otherwise fail deep inside a statement, so
 * every way in refuses them first.
 */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

// Code units, not code points (no `u` flag): a high surrogate not followed by a low one, or a low one
// not preceded by a high one. String#isWellFormed says the same but is newer than some browsers
// running the forms' client-side validation.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Where a value lies, kept as links to its parent: a pointer is written out only for the one refused. */
interface Path { up: Path | undefined; key: string }

/**
 * The JSON pointer of the first string (value or key) that cannot be stored, if any. It walks with
 * its own stack: a body may nest deeper than the call stack reaches.
 */
export function findUnstorableText(value: unknown, pointer = ''): string | undefined {
  const stack: Array<[unknown, Path | undefined]> = [[value, undefined]];
  while (stack.length > 0) {
    const [item, at] = stack.pop()!;
    if (typeof item === 'string') {
      if (!isStorableText(item)) return pointerOf(pointer, at);
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], { up: at, key: String(i) }]);
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        if (!isStorableText(key)) return pointerOf(pointer, { up: at, key });
        stack.push([child, { up: at, key }]);
      }
    }
  }
  return undefined;
}

function pointerOf(prefix: string, path: Path | undefined): string {
  const keys: string[] = [];
  for (let p = path; p; p = p.up) keys.push(escapePointer(p.key));
  return prefix + keys.reverse().map((k) => `/${k}`).join('');
}

/**
 * True when JSON text (as JSON.stringify writes it) escapes NUL or a lone surrogate: it writes both
 * as \u escapes (a surrogate pair stays as it is), and an escape is one only after an even run of
 * backslashes.
 */
export function hasUnstorableJsonEscape(json: string): boolean {
  return json.includes('\\u') && UNSTORABLE_ESCAPE.test(json);
}

const UNSTORABLE_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/

/** True when XML text names, by a character reference, a character that cannot be stored (&#0;, &#xD800;). */
export function hasUnstorableCharacterReference(xml: string): boolean {
  for (const m of xml.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const code = m[1]!.startsWith('x') ? Number.parseInt(m[1]!.slice(1), 16) : Number(m[1]);
    if (code === 0 || (code >= 0xd800 && code <= 0xdfff)) return true;
  }
  return false;
}

/** Throws `code` (bad-input unless told) naming, in each language, where the unstorable text is. */
export function assertStorableText(value: unknown, what: Wording, code: ErrorCode = 'bad-input'): void {
  const pointer = findUnstorableText(value);
  if (pointer === undefined) return;
  throw new AppError(code, unstorableMessage(what, pointer), { details: { pointer } });
}

/** "<what> (<pointer>) contains characters that are not allowed", in each language. */
export function unstorableMessage(what: Wording, pointer: string): Wording {
  const where = pointer ? ` (${pointer})` : '';
  return {
    ro: `${what.ro}${where} conține caractere nepermise (NUL sau surogate UTF-16 izolate).`,
    en: `${what.en}${where} contains characters that are not allowed (NUL or lone UTF-16 surrogates).`,
  };
}

const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** A pointer segment, printable: the refused characters themselves are shown as U+FFFD. */
function escapePointer(key: string): string {
  return pointerSegment(key.replace(UNSTORABLE_ALL, '\ufffd'));
}

/** A key as one segment of a JSON pointer (RFC 6901: `~` as `~0`, `/` as `~1`). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
