import type { Definition, Problem } from '../../engine/index.ts';
import type { JsonSchema } from '../../forms/index.ts';

/** The dates a form keeps as text (`format: date` or `date-time`), by the variable path they fill. */
function dateFields(schema: JsonSchema, prefix = ''): string[] {
  return Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).flatMap(([key, child]) => {
    const path = `${prefix}${key}`;
    if (child.type === 'object') return dateFields(child, `${path}.`);
    return child.format === 'date' || child.format === 'date-time' ? [path] : [];
  });
}

const TEMPORAL = String.raw`(?:date and time|date|today|now)\s*\(`;
const COMPARE = String.raw`(?:<=|>=|!=|<|>|=)`;

/**
 * A condition comparing a form's date, kept as the text "2026-12-01", with a FEEL date
 * (`dataDepunerii < date("2027-01-01")`, `termen >= today()`). FEEL answers null to that, and
 * feelin answers true or false by chance, so a gateway would route by chance: refused at deploy,
 * naming the fix (`date(dataDepunerii)`).
 */
export function dateTextComparisons(definitions: Definition[], schemas: JsonSchema[]): Problem[] {
  const fields = [...new Set(schemas.flatMap((schema) => dateFields(schema)))];
  if (fields.length === 0) return [];
  const problems: Problem[] = [];
  for (const definition of definitions) {
    const conditions: Array<[string, string]> = [
      ...Object.values(definition.flows).flatMap((f): Array<[string, string]> => (f.condition ? [[f.id, f.condition]] : [])),
      ...Object.values(definition.elements).flatMap((el): Array<[string, string]> => [el.adHoc?.completion, el.loop?.completionCondition].filter((c): c is string => !!c).map((c) => [el.id, c])),
    ];
    for (const [elementId, condition] of conditions) {
      for (const field of fields) {
        const name = field.replace(/\./g, String.raw`\.`);
        const bare = new RegExp(String.raw`(?<![\w.])${name}\s*${COMPARE}\s*${TEMPORAL}|${TEMPORAL}[^()]*\)\s*${COMPARE}\s*${name}(?![\w.(])`);
        if (bare.test(condition)) {
          problems.push({ code: 'condition-invalid', elementId, message: `The condition "${condition}" compares "${field}", a date the form keeps as text, with a FEEL date; write date(${field}) to compare it as a date` });
        }
      }
    }
  }
  return problems;
}
