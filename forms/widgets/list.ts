import type { JsonSchema } from '../validation/validate-form.ts';
import { labelsOf, type Widget } from './widget.ts';

/**
 * An array of objects: each row a fieldset; adding and removing rows are plain submit buttons
 * (`_add`, `_remove`), so it works without JavaScript. An empty list shows one empty row.
 */
export const list: Widget = {
  name: 'list',
  matches: (node) => node.type === 'array' && (node.items as JsonSchema | undefined)?.type === 'object',
  view(field, node, value, ctx) {
    const items = node.items as JsonSchema;
    const shown = Array.isArray(value) && value.length > 0 ? value : [{}];
    const required = new Set((items.required as string[] | undefined) ?? []);
    const rows = shown.map((row, i) => ({
      id: `${field.id}-${i}`,
      label: `${labelsOf(items, ctx.lang, ctx.text.row).label} ${i + 1}`,
      children: Object.entries((items.properties ?? {}) as Record<string, JsonSchema>).map(([key, child]) => ctx.field(child, [...ctx.path, String(i), key], required.has(key), (row as Record<string, unknown>)?.[key])),
      removeValue: `${ctx.path.join('.')}.${i}`,
      removeText: `${ctx.text.remove} ${i + 1}`,
    }));
    return { rows, addValue: ctx.path.join('.'), addText: ctx.text.add };
  },
};
