import type { ErrorObject, ValidateFunction } from 'ajv';
import ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { pointerSegment } from '../storable-text.ts';

// ajv and ajv-formats are CommonJS: Node hands over module.exports, bundlers the default export.
const Ajv2020 = ((ajv2020 as unknown as { default?: unknown }).default ?? ajv2020) as typeof import('ajv/dist/2020.js').default;
const addFormats = ((ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats) as typeof import('ajv-formats').default;

// Not strict: a handler's schema may carry its own annotations (x-…) for the designer.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

/** Compiles a handler's options schema; throws with ajv's reason when it is not a JSON Schema. */
export function compileOptionsSchema(schema: Record<string, unknown>): ValidateFunction {
  return ajv.compile(schema);
}

/**
 * Why options written in a model fail the handler's schema. Values are strings as written; a
 * '=feel' value is only known at run time, so only errors about its presence or name count.
 */
export function optionsErrors(validate: ValidateFunction, options: Record<string, string>): string[] {
  if (validate(options as unknown)) return [];
  const expressions = Object.keys(options).filter((name) => options[name]!.startsWith('='));
  const atExpression = (e: ErrorObject) => expressions.some((name) => e.instancePath === `/${pointerSegment(name)}` || e.instancePath.startsWith(`/${pointerSegment(name)}/`));
  return (validate.errors ?? []).filter((e) => !atExpression(e)).map(describe);
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'required') return `option "${(e.params as { missingProperty: string }).missingProperty}" is required`;
  if (e.keyword === 'additionalProperties') return `option "${(e.params as { additionalProperty: string }).additionalProperty}" is not one it takes`;
  const where = e.instancePath ? `option "${e.instancePath.slice(1).replace(/~1/g, '/').replace(/~0/g, '~')}"` : 'the options';
  return `${where} ${e.message ?? 'is invalid'}`;
}
