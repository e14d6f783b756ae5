import type { JsonSchema } from '../validation/validate-form.ts';
import { widgetFor } from '../widgets/index.ts';

/**
 * Turns an HTML form post (flat names like `adresa[strada]`, everything a string) back into the
 * JSON the schema describes: nested objects, and each field's text read by its widget
 * (forms/widgets: numbers, booleans); empty fields are left out so that `required` reports them.
 * Control names starting with `_` (`_csrf`, `_step`, `_submit`) are not data.
 */
export type FormAction =
  | { kind: 'step'; step: number }
  | { kind: 'add-row'; field: string }
  | { kind: 'remove-row'; field: string; index: number }
  | { kind: 'submit' };

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
  fillAndCompact(schema, data);
  return { data, action: actionOf(body) };
}

/**
 * Some inputs send nothing for a value (an unchecked checkbox), so a field of a present object takes
 * its widget's `absent` value unless sent; rows whose fields were all left empty are dropped rather
 * than left as holes.
 */
function fillAndCompact(node: JsonSchema, data: Record<string, unknown>): void {
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) {
    if (!(key in data)) {
      const absent = widgetFor(child).absent?.(child);
      if (absent !== undefined) data[key] = absent;
    }
    const value = data[key];
    if (Array.isArray(value)) {
      const rows = value.filter((row) => row !== undefined);
      for (const row of rows) if (row && typeof row === 'object') fillAndCompact((child.items ?? {}) as JsonSchema, row as Record<string, unknown>);
      data[key] = rows;
    } else if (value && typeof value === 'object') {
      fillAndCompact(child, value as Record<string, unknown>);
    }
  }
}

function actionOf(body: Record<string, string | string[] | undefined>): FormAction {
  if (typeof body._add === 'string' && body._add !== '') return { kind: 'add-row', field: body._add };
  const remove = typeof body._remove === 'string' ? /^(.+)\.(\d+)$/.exec(body._remove) : null;
  if (remove) return { kind: 'remove-row', field: remove[1]!, index: Number(remove[2]) };
  if (typeof body._step === 'string' && /^\d+$/.test(body._step)) return { kind: 'step', step: Number(body._step) };
  return { kind: 'submit' };
}

/** Adds or removes a row of a list (dotted field path) in the data; other actions change nothing. */
export function applyRowAction(data: Record<string, unknown>, action: FormAction): Record<string, unknown> {
  if (action.kind !== 'add-row' && action.kind !== 'remove-row') return data;
  const copy = structuredClone(data);
  const path = action.field.split('.');
  if (path.some((p) => FORBIDDEN.has(p))) return data;
  let parent: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = (parent[key] ??= {}) as Record<string, unknown>;
  const last = path.at(-1)!;
  const rows = Array.isArray(parent[last]) ? (parent[last] as unknown[]) : [];
  if (action.kind === 'add-row') rows.push({});
  else rows.splice(action.index, 1);
  parent[last] = rows;
  return copy;
}

function nodeAt(schema: JsonSchema, path: string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const key of path) {
    node = /^\d+$/.test(key) && node?.type === 'array' ? (node.items as JsonSchema | undefined) : (node?.properties as Record<string, JsonSchema> | undefined)?.[key];
  }
  return node;
}

/** A name the schema does not know stays text (validation refuses or drops it). */
function coerce(node: JsonSchema | undefined, value: string): unknown {
  const read = node ? widgetFor(node).read : undefined;
  return read ? read(value, node!) : value;
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    // A numeric next key means a row of a list.
    node = (next && typeof next === 'object' ? next : (node[key] = /^\d+$/.test(path[i + 1]!) ? [] : {})) as Record<string, unknown>;
  });
}
