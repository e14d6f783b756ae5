import { createRequire } from 'node:module';
import type { JsonSchema } from '../validation/validate-form.ts';

/**
 * The JSON Forms UI schema vocabulary: layouts (Vertical, Horizontal, Group, Categorization with
 * Category steps), Controls pointing into the JSON Schema by `scope`, and rules that SHOW, HIDE,
 * ENABLE or DISABLE an element when a condition schema matches the data at a scope.
 */
export interface UiRule {
  effect: 'SHOW' | 'HIDE' | 'ENABLE' | 'DISABLE';
  condition: { scope: string; schema: JsonSchema };
}

export interface UiElement {
  type: 'VerticalLayout' | 'HorizontalLayout' | 'Group' | 'Categorization' | 'Category' | 'Control';
  elements?: UiElement[];
  scope?: string;
  label?: string | { ro?: string; en?: string };
  options?: { multi?: boolean };
  rule?: UiRule;
}

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default as typeof import('ajv/dist/2020.js').default;
// Conditions are small schemas written by analysts; a lenient validator just evaluates them.
const conditions = new Ajv2020({ strict: false, allErrors: false });

export function defaultUiSchema(schema: JsonSchema): UiElement {
  return { type: 'VerticalLayout', elements: Object.keys((schema.properties ?? {}) as object).map((k) => ({ type: 'Control', scope: `#/properties/${k}` })) };
}

/** '#/properties/adresa/properties/strada' -> ['adresa', 'strada']. */
export function scopePath(scope: string): string[] {
  // Segments alternate 'properties' / name, so a field may itself be called "properties".
  return scope.replace(/^#\/?/, '').split('/').filter((_, i) => i % 2 === 1);
}

export function valueAt(data: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The answers, with the schema's defaults where nothing was answered yet (in nested objects and
 * in each row of a list too): what a page being filled in shows, and what its rules test.
 */
export function withDefaults(schema: JsonSchema, data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    const value = out[key];
    const items = child.items as JsonSchema | undefined;
    if (value === undefined && child.default !== undefined) out[key] = child.default;
    else if (child.type === 'object' && (value === undefined || isObject(value))) {
      const inner = withDefaults(child, value ?? {});
      if (value !== undefined || Object.keys(inner).length > 0) out[key] = inner;
    } else if (Array.isArray(value) && items?.type === 'object') {
      out[key] = value.map((row) => (isObject(row) ? withDefaults(items, row) : row));
    }
  }
  return out;
}

/** Whether an element is shown and enabled under its rule, for the data as it stands. */
export function applyRule(rule: UiRule | undefined, data: unknown): { visible: boolean; enabled: boolean } {
  if (!rule) return { visible: true, enabled: true };
  const value = valueAt(data, scopePath(rule.condition.scope));
  const matches = value !== undefined && conditions.validate(rule.condition.schema, value) === true;
  switch (rule.effect) {
    case 'SHOW': return { visible: matches, enabled: true };
    case 'HIDE': return { visible: !matches, enabled: true };
    case 'ENABLE': return { visible: true, enabled: matches };
    case 'DISABLE': return { visible: true, enabled: !matches };
  }
}

/**
 * The schema as it applies to the data right now: `if`/`then`/`else` branches merged in and
 * `dependentRequired` turned into required fields, so conditional parts and their required markers
 * appear exactly when they apply.
 */
export function effectiveSchema(schema: JsonSchema, data: unknown): JsonSchema {
  let out: JsonSchema = { ...schema };
  // The schema's own if/then/else, and those of its allOf (several conditions side by side).
  for (const conditional of [schema, ...((schema.allOf as JsonSchema[] | undefined) ?? [])]) {
    if (!conditional.if || !(conditional.then || conditional.else)) continue;
    const branch = (conditions.validate(conditional.if as JsonSchema, data ?? {}) ? conditional.then : conditional.else) as JsonSchema | undefined;
    if (branch) {
      out = {
        ...out,
        properties: { ...(out.properties as object), ...(branch.properties as object) },
        required: [...new Set([...((out.required as string[]) ?? []), ...((branch.required as string[]) ?? [])])],
      };
    }
  }
  const dependent = schema.dependentRequired as Record<string, string[]> | undefined;
  if (dependent && data && typeof data === 'object') {
    const present = Object.keys(dependent).filter((k) => (data as Record<string, unknown>)[k] !== undefined && (data as Record<string, unknown>)[k] !== '');
    out.required = [...new Set([...((out.required as string[]) ?? []), ...present.flatMap((k) => dependent[k]!)])];
  }
  const properties = out.properties as Record<string, JsonSchema> | undefined;
  if (properties) {
    out.properties = Object.fromEntries(Object.entries(properties).map(([k, p]) => [k, p.type === 'object' ? effectiveSchema(p, (data as Record<string, unknown> | undefined)?.[k]) : p]));
  }
  return out;
}

export function uiLabel(label: UiElement['label'], lang: 'ro' | 'en'): string | undefined {
  if (typeof label === 'string') return label;
  return label?.[lang] ?? label?.ro;
}

/** The property paths of every Control inside an element (a step's fields). */
export function controlPaths(el: UiElement): string[][] {
  if (el.type === 'Control') return el.scope ? [scopePath(el.scope)] : [];
  return (el.elements ?? []).flatMap(controlPaths);
}
