import type { JsonSchema } from '../../forms/index.ts';

/**
 * The form data a JSON client sent: the body as it is, or the object inside `{ "data": {...} }`
 * (both are documented), unless the form has a field named `data`, whose body is always the data.
 */
export function jsonFormData(body: unknown, schema: JsonSchema | undefined): unknown {
  if (!isJsonObject(body)) return body;
  const keys = Object.keys(body);
  const hasDataField = isJsonObject(schema?.properties) && 'data' in schema.properties;
  return keys.length === 1 && keys[0] === 'data' && isJsonObject(body.data) && !hasDataField ? body.data : body;
}

/** A JSON object: not an array, not null. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
