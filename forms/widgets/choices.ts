import type { JsonSchema } from '../validation/validate-form.ts';
import { optionsOf, optionsSchema } from './choice.ts';
import { labelsOf, readByType, type Widget, type WidgetView } from './widget.ts';

/** The options of a list's items, as a choice's. */
function itemOptions(node: JsonSchema): Array<{ value: unknown; node?: JsonSchema }> | undefined {
  const items = node.items as JsonSchema | undefined;
  return items && typeof items === 'object' ? optionsOf(items) : undefined;
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
    node: (spec) => ({ type: 'array', uniqueItems: true, items: optionsSchema(spec) }),
    check: (spec) => ((spec.options ?? []).length < 2 ? [{ ro: 'O alegere multiplă are cel puțin două opțiuni.', en: 'Several choices need at least two options.' }] : []),
  },
};
