import type { JsonSchema } from '../validation/validate-form.ts';
import { labelsOf, readByType, type DesignerFieldSpec, type Widget, type WidgetView } from './widget.ts';

/** Radios for a few options, a select for many (GOV.UK guidance). */
const MAX_RADIOS = 5;

/** `oneOf` of `const` + `title` (labelled options)? */
function labelledOptions(node: JsonSchema): JsonSchema[] | undefined {
  // anyOf of constants means the same as oneOf: the constants differ, so one matches at most.
  const list = node.oneOf ?? node.anyOf;
  return Array.isArray(list) && list.length > 0 && list.every((o) => o && typeof o === 'object' && 'const' in o) ? list as JsonSchema[] : undefined;
}

/** The options of a node: labelled ones, or a plain `enum`; undefined when it has none. */
export function optionsOf(node: JsonSchema): Array<{ value: unknown; node?: JsonSchema }> | undefined {
  const labelled = labelledOptions(node);
  if (labelled) return labelled.map((o) => ({ value: o.const, node: o }));
  return Array.isArray(node.enum) ? (node.enum as unknown[]).map((value) => ({ value })) : undefined;
}

/** The schema of a string taking the designer's options: labels that differ from the stored value need oneOf; plain values stay a short enum. */
export function optionsSchema(spec: DesignerFieldSpec): JsonSchema {
  const options = spec.options ?? [];
  if (options.some((o) => (o.ro && o.ro !== o.value) || o.en)) {
    return { type: 'string', oneOf: options.map((o) => ({ const: o.value, title: o.ro || o.value, ...(o.en ? { 'x-labels': { en: { title: o.en } } } : {}) })) };
  }
  return { type: 'string', enum: options.map((o) => o.value) };
}

/** One of a list of options: radios in a fieldset, or a select beyond five. */
export const choice: Widget = {
  name: 'choice',
  matches: (node) => labelledOptions(node) !== undefined || Array.isArray(node.enum),
  view(_field, node, value, ctx): WidgetView {
    const current = String(value ?? '');
    const options = optionsOf(node)!.map((o) => ({ value: String(o.value), label: o.node ? labelsOf(o.node, ctx.lang, String(o.value)).label : String(o.value), checked: current === String(o.value) }));
    return { options, radios: options.length <= MAX_RADIOS };
  },
  answer: (view) => view.options?.find((o) => o.checked)?.label ?? '—',
  read: readByType,
  designer: {
    label: { ro: 'Alegere dintr-o listă', en: 'Choice' },
    rank: 90,
    takesOptions: true,
    node: optionsSchema,
    check: (spec) => ((spec.options ?? []).length < 2 ? [{ ro: 'O alegere are cel puțin două opțiuni.', en: 'A choice needs at least two options.' }] : []),
  },
};
