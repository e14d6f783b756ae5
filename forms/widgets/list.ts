import type { JsonSchema } from '../validation/validate-form.ts';
import { labelsOf, type Widget } from './widget.ts';

const ROW_TYPES = new Set(['object', 'string', 'number', 'integer']);

/**
 * A list: an array of objects, each row a fieldset, or of single values (phone numbers, cadastral
 * numbers), each row one field named by its index (`telefoane[1]`). Adding and removing rows are
 * plain submit buttons (`_add`, `_remove`), so it works without JavaScript. An empty list shows
 * one empty row.
 */
export const list: Widget = {
  name: 'list',
  matches: (node) => node.type === 'array' && node['x-upload'] === undefined && ROW_TYPES.has((node.items as JsonSchema | undefined)?.type as string),
  view(field, node, value, ctx) {
    const items = node.items as JsonSchema;
    const single = items.type !== 'object';
    const shown = Array.isArray(value) && value.length > 0 ? value : [undefined];
    const required = new Set((items.required as string[] | undefined) ?? []);
    const rows = shown.map((row, i) => {
      const label = `${labelsOf(items, ctx.lang, single ? field.label : ctx.text.row).label} ${i + 1}`;
      const children = single
        // A row just added is an empty object (applyRowAction knows no schema): an empty field here.
        ? [{ ...ctx.field(items, [...ctx.path, String(i)], false, row !== null && typeof row === 'object' ? undefined : row), label }]
        : Object.entries((items.properties ?? {}) as Record<string, JsonSchema>).map(([key, child]) => ctx.field(child, [...ctx.path, String(i), key], required.has(key), (row as Record<string, unknown> | undefined)?.[key]));
      return { id: `${field.id}-${i}`, label, single, children, removeValue: `${ctx.path.join('.')}.${i}`, removeText: `${ctx.text.remove} ${i + 1}` };
    });
    return { rows, addValue: ctx.path.join('.'), addText: ctx.text.add };
  },
};
