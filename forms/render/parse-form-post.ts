import type { JsonSchema } from '../validation/validate-form.ts';

/**
 * Turns an HTML form post (flat names like `adresa[strada]`, everything a string) back into the
 * JSON the schema describes: nested objects, numbers, booleans; empty fields are left out so that
 * `required` reports them. Control names starting with `_` (`_csrf`, `_step`, `_submit`) are not data.
 */
export type FormAction = { kind: 'step'; step: number } | { kind: 'submit' };

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function parseFormPost(schema: JsonSchema, body: Record<string, string | string[] | undefined>): { data: Record<string, unknown>; action: FormAction } {
  const data: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(body)) {
    if (name.startsWith('_')) continue;
    const path = name.replace(/\]/g, '').split('[');
    if (path.some((p) => FORBIDDEN.has(p) || p === '')) continue;
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (value === undefined || value.trim() === '') continue;
    setAt(data, path, coerce(nodeAt(schema, path), value));
  }
  // An unchecked checkbox sends nothing: a boolean the form shows is false unless it was sent.
  for (const [key, node] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    if (node.type === 'boolean' && !(key in data)) data[key] = false;
  }
  const step = typeof body._step === 'string' && /^\d+$/.test(body._step) ? Number(body._step) : undefined;
  return { data, action: step !== undefined ? { kind: 'step', step } : { kind: 'submit' } };
}

function nodeAt(schema: JsonSchema, path: string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const key of path) {
    node = /^\d+$/.test(key) && node?.type === 'array' ? (node.items as JsonSchema | undefined) : (node?.properties as Record<string, JsonSchema> | undefined)?.[key];
  }
  return node;
}

function coerce(node: JsonSchema | undefined, value: string): unknown {
  const text = value.trim();
  if (node?.type === 'integer' || node?.type === 'number') {
    const n = Number(text.replace(',', '.'));
    // Left as text when it is not a number, so validation says so in words.
    return text !== '' && Number.isFinite(n) ? n : text;
  }
  if (node?.type === 'boolean') return text === 'true' || text === 'on';
  return value;
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    node = (next && typeof next === 'object' ? next : (node[key] = {})) as Record<string, unknown>;
  });
}
