import { AppError } from './errors.ts';
import type { Variables } from './core/types.ts';
import { findUnstorableText, hasUnstorableJsonEscape } from './storable-text.ts';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;
const MAX_BYTES = Number(process.env.DOSAR_MAX_VARIABLES_BYTES ?? 1_000_000);

/** Variables come from people and scripts: a plain JSON object, nothing that could pollute prototypes. */
export function assertVariables(value: unknown, what = 'variables'): Variables {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError('variables-invalid', `The ${what} must be a JSON object, like {"name": "value"}`);
  }
  check(value, what, 0);
  const json = JSON.stringify(value);
  // PostgreSQL stores neither NUL nor a lone surrogate; JSON.stringify escapes both, so one scan of
  // the text it made anyway finds them (this runs on every step), and the walk only says where.
  if (hasUnstorableJsonEscape(json)) {
    throw new AppError('variables-invalid', `The ${what} contain characters that cannot be stored (NUL or a lone UTF-16 surrogate) at ${findUnstorableText(value) ?? '/'}`);
  }
  const size = Buffer.byteLength(json);
  if (size > MAX_BYTES) throw new AppError('variables-invalid', `The ${what} are ${size} bytes; the limit is ${MAX_BYTES}`);
  return value as Variables;
}

function check(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw new AppError('variables-invalid', `The ${path} nest deeper than ${MAX_DEPTH} levels`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AppError('variables-invalid', `${path} is not a finite number`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => check(item, `${path}[${i}]`, depth + 1));
    return;
  }
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    for (const key of Object.keys(value as object)) {
      if (FORBIDDEN_KEYS.has(key)) throw new AppError('variables-invalid', `The key "${key}" is not allowed in ${path}`);
      check((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    }
    return;
  }
  throw new AppError('variables-invalid', `${path} is not JSON`);
}

/** Parses a JSON text given on a command line or in a request body. */
export function parseVariables(text: string | undefined, what = 'variables'): Variables {
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('variables-invalid', `The ${what} are not valid JSON`);
  }
  return assertVariables(parsed, what);
}
