import type { JsonSchema } from '../validation/validate-form.ts';
import { labelsOf, readByType, type Widget, type WidgetView } from './widget.ts';

/** The options of a list's items: labelled ones (`oneOf` of `const` + `title`) or a plain `enum`. */
function itemOptions(node: JsonSchema): Array<{ value: unknown; node?: JsonSchema }> | undefined {
  const items = node.items as JsonSchema | undefined;
  if (!items || typeof items !== 'object') return undefined;
  if (Array.isArray(items.oneOf) && items.oneOf.every((o) => o && typeof o === 'object' && 'const' in o)) return (items.oneOf as JsonSchema[]).map((o) => ({ value: o.const, node: o }));
  if (Array.isArray(items.enum)) return (items.enum as unknown[]).map((value) => ({ value }));
  return undefined;
}

/**
 * Several of a list of options (`type: array` whose items are an `enum` or labelled `oneOf`): a
 * checkbox each in a fieldset. Each box posts under its option's index (`acte[2]`), so the post
 * needs no repeated names and the unticked ones leave holes the parser drops.
 */
export const choices: Widget = {
  name: 'choices',
  matches: (node) => node.type === 'array' && node['x-upload'] === undefined && itemOptions(node) !== undefined,
  view(field, node, value, ctx): WidgetView {
    const chosen = new Set((Array.isArray(value) ? value : []).map(String));
    const options = itemOptions(node)!.map((o, i) => ({
      value: String(o.value),
      label: o.node ? labelsOf(o.node, ctx.lang, String(o.value)).label : String(o.value),
      checked: chosen.has(String(o.value)),
      inputName: `${field.name}[${i}]`,
    }));
    return { options };
  },
  answer: (view) => view.options?.filter((o) => o.checked).map((o) => o.label).join(', ') || '—',
  read: (text, node) => readByType(text, (node.items ?? {}) as JsonSchema),
  designer: {
    label: { ro: 'Alegere multiplă', en: 'Several choices' },
    rank: 95,
    takesOptions: true,
    node(spec) {
      const options = spec.options ?? [];
      const items = options.some((o) => (o.ro && o.ro !== o.value) || o.en)
        ? { type: 'string', oneOf: options.map((o) => ({ const: o.value, title: o.ro || o.value, ...(o.en ? { 'x-labels': { en: { title: o.en } } } : {}) })) }
        : { type: 'string', enum: options.map((o) => o.value) };
      return { type: 'array', uniqueItems: true, items };
    },
    check: (spec) => ((spec.options ?? []).length < 2 ? [{ ro: 'O alegere multiplă are cel puțin două opțiuni.', en: 'Several choices need at least two options.' }] : []),
  },
};
