import type { ErrorObject, ValidateFunction } from 'ajv';
import ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { AppError, type Problem, isStorableText } from '../../engine/browser.ts';
import { messageFor, type Lang } from './messages.ts';
import { ROMANIAN_FORMATS } from './romanian-formats.ts';

// ajv and ajv-formats are CommonJS: Node hands over module.exports, bundlers (the browser build of
// forms/client) the default export; both work, and this module stays free of Node-only imports.
const Ajv2020 = ((ajv2020 as unknown as { default?: unknown }).default ?? ajv2020) as typeof import('ajv/dist/2020.js').default;
const addFormats = ((ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats) as typeof import('ajv-formats').default;

export type JsonSchema = Record<string, unknown>;

export interface FieldError {
  /** JSON pointer of the field, e.g. /address/street. */
  pointer: string;
  /** Dotted path, e.g. address.street. */
  field: string;
  keyword: string;
  message: string;
}

export type ValidationResult = { valid: true; data: Record<string, unknown> } | { valid: false; errors: FieldError[] };

/** Limits every submission meets before a schema even looks at it (a declared policy, see forms/README.md). */
const LIMITS = { maxDepth: 20, maxStringLength: 10_000, maxArrayItems: 1_000, maxKeys: 2_000 };
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const OUR_KEYWORDS = ['x-labels', 'x-extra', 'x-messages', 'x-upload', 'x-widget', 'x-prefill'];

/**
 * `format: "time"` as people and the browser's time input write it (14:30, 14:30:15), besides RFC
 * 3339's full time with its offset (14:30:00+02:00), which is all ajv-formats takes.
 */
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/i;

function newAjv(removeAdditional: boolean) {
  // multipleOfPrecision: 19.99 / 0.01 is 1998.9999999999998 in floating point, which a plain multipleOf refuses.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, removeAdditional: removeAdditional ? 'all' : false, useDefaults: false, multipleOfPrecision: 4 });
  addFormats(ajv);
  ajv.addFormat('time', { type: 'string', validate: (value: string) => TIME.test(value) });
  for (const [name, check] of Object.entries(ROMANIAN_FORMATS)) ajv.addFormat(name, { type: 'string', validate: check });
  for (const keyword of OUR_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['object', 'string', 'array', 'boolean'] });
  return ajv;
}

const ajvRefuse = newAjv(false);
const ajvDrop = newAjv(true);
const cache = new Map<string, ValidateFunction>();

/** Compiles once per schema id and version; a schema that does not compile is refused with its pointer. */
function compileForm(schema: JsonSchema, key: { id: string; version: number | string }): ValidateFunction {
  const cacheKey = `${key.id}@${key.version}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const problems = checkFormSchema(schema);
  if (problems.length > 0) throw new AppError('form-invalid', `The form schema ${key.id} does not compile: ${problems[0]!.message}`, { problems, details: problems });
  const { $id: _ignored, ...withoutId } = schema;
  const validate = (schema['x-extra'] === 'drop' ? ajvDrop : ajvRefuse).compile(withoutId);
  cache.set(cacheKey, validate);
  return validate;
}

/** Deploy-time check: every problem with the JSON pointer where ajv found it. */
export function checkFormSchema(schema: unknown): Problem[] {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return [{ code: 'form-invalid', elementId: '', message: 'A form schema must be a JSON object' }];
  try {
    const { $id: _ignored, ...withoutId } = schema as JsonSchema;
    ajvRefuse.compile(withoutId);
    // Checking is not using: drop the compiled schema, or every designer preview would stay in memory.
    ajvRefuse.removeSchema(withoutId);
    return [];
  } catch (err) {
    const message = (err as Error).message;
    const pointer = /at "([^"]*)"/.exec(message)?.[1] ?? /path "([^"]*)"/.exec(message)?.[1] ?? '';
    // An analyst guessing a format's name ("iban", "phone") learns the names there are.
    const known = /^unknown format/.test(message) ? `; the formats are ${Object.keys(ajvRefuse.formats).sort().join(', ')}` : '';
    return [{ code: 'form-invalid', elementId: pointer, message: message + known }];
  }
}

export function validateForm(schema: JsonSchema, data: unknown, options: { id: string; version: number | string; lang?: Lang }): ValidationResult {
  const lang = options.lang ?? 'ro';
  const limitErrors = checkLimits(data, lang);
  if (limitErrors.length > 0) return { valid: false, errors: limitErrors };
  const copy = structuredClone(data);
  const validate = compileForm(schema, options);
  if (validate(copy)) return { valid: true, data: copy as Record<string, unknown> };
  return { valid: false, errors: toFieldErrors(schema, validate.errors ?? [], lang) };
}

function checkLimits(data: unknown, lang: Lang): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (pointer: string, ro: string, en: string) => errors.push({ pointer, field: toField(pointer), keyword: 'limits', message: lang === 'ro' ? ro : en });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    fail('', 'Formularul trimis nu este valid.', 'The submitted form is not valid.');
    return errors;
  }
  let keys = 0;
  const walk = (value: unknown, pointer: string, depth: number) => {
    if (errors.length > 0) return;
    if (depth > LIMITS.maxDepth) return fail(pointer, 'Formularul are prea multe niveluri.', 'The form nests too deeply.');
    if (typeof value === 'string' && value.length > LIMITS.maxStringLength) return fail(pointer, `Textul este prea lung (cel mult ${LIMITS.maxStringLength} de caractere).`, `The text is too long (at most ${LIMITS.maxStringLength} characters).`);
    // Whatever the form sends is stored: PostgreSQL keeps neither NUL nor a lone UTF-16 surrogate.
    if (typeof value === 'string' && !isStorableText(value)) return fail(pointer, UNSTORABLE_RO, UNSTORABLE_EN);
    if (Array.isArray(value)) {
      if (value.length > LIMITS.maxArrayItems) return fail(pointer, `Lista are prea multe elemente (cel mult ${LIMITS.maxArrayItems}).`, `The list has too many items (at most ${LIMITS.maxArrayItems}).`);
      value.forEach((v, i) => walk(v, `${pointer}/${i}`, depth + 1));
    } else if (value && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key) || !isStorableText(key)) return fail(`${pointer}/${isStorableText(key) ? key : '\ufffd'}`, 'Formularul conține un câmp nepermis.', 'The form contains a field that is not allowed.');
        if (++keys > LIMITS.maxKeys) return fail(pointer, 'Formularul are prea multe câmpuri.', 'The form has too many fields.');
        walk((value as Record<string, unknown>)[key], `${pointer}/${key}`, depth + 1);
      }
    }
  };
  walk(data, '', 0);
  return errors;
}

const UNSTORABLE_RO = 'Textul conține caractere nepermise (de exemplu caracterul NUL); ștergeți-le și încercați din nou.';
const UNSTORABLE_EN = 'The text contains characters that are not allowed (such as the NUL character); remove them and try again.';

function toField(pointer: string): string {
  return pointer.split('/').filter(Boolean).join('.');
}

/** The schema node at a JSON pointer into the data (following properties and items). */
function schemaAt(schema: JsonSchema, pointer: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const segment of pointer.split('/').filter(Boolean)) {
    if (!node) return undefined;
    const properties = node.properties as Record<string, JsonSchema> | undefined;
    node = properties?.[segment] ?? (/^\d+$/.test(segment) ? (node.items as JsonSchema | undefined) : undefined);
  }
  return node;
}

function labelOf(schema: JsonSchema, pointer: string, lang: Lang): string {
  const node = schemaAt(schema, pointer);
  const english = (node?.['x-labels'] as { en?: { title?: string } } | undefined)?.en?.title;
  return (lang === 'en' ? english : undefined) ?? (node?.title as string | undefined) ?? toField(pointer).split('.').pop() ?? '';
}

function toFieldErrors(schema: JsonSchema, errors: ErrorObject[], lang: Lang): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // if/then/else and anyOf wrappers repeat what their branches already said.
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'allOf') continue;
    let pointer = e.instancePath;
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required' || e.keyword === 'dependentRequired') pointer = `${pointer}/${String(params.missingProperty)}`;
    if (e.keyword === 'additionalProperties') pointer = `${pointer}/${String(params.additionalProperty)}`;
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    const node = schemaAt(schema, pointer);
    const custom = (node?.['x-messages'] as Record<Lang, Record<string, string>> | undefined)?.[lang]?.[e.keyword];
    // Several choices are ticked, not filled in.
    const ticked = node?.type === 'array' && typeof node.items === 'object' && node.items !== null && ('enum' in node.items || 'oneOf' in node.items || 'anyOf' in node.items);
    out.push({ pointer, field: toField(pointer), keyword: e.keyword, message: custom ?? messageFor(e.keyword, labelOf(schema, pointer, lang), ticked ? { ...params, ticked } : params, lang) });
  }
  return out;
}
