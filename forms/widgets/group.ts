import type { JsonSchema } from '../validation/validate-form.ts';
import type { Widget } from './widget.ts';

/** An object with properties: a fieldset with a legend, its fields named `adresa[strada]`. */
export const group: Widget = {
  name: 'group',
  matches: (node) => node.type === 'object' && Boolean(node.properties),
  view(_field, node, value, ctx) {
    const required = new Set((node.required as string[] | undefined) ?? []);
    const current = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
    const children = Object.entries(node.properties as Record<string, JsonSchema>).map(([key, child]) => ctx.field(child, [...ctx.path, key], required.has(key), current[key]));
    return { children };
  },
};
