import type { JsonSchema } from '../../forms/index.ts';

/**
 * The form data a JSON client sent: the body as it is, or the object inside `{ "data": {...} }`
 * (both are documented), unless the form has a field named `data`, whose body is always the data.
 */
export function jsonFormData(body: unknown, schema: JsonSchema | undefined): unknown {
  if (!isObject(body)) return body;
  const keys = Object.keys(body);
  const hasDataField = isObject(schema?.properties) && 'data' in schema.properties;
  return keys.length === 1 && keys[0] === 'data' && isObject(body.data) && !hasDataField ? body.data : body;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
