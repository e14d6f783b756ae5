import { readByType, textOf, type Widget } from './widget.ts';

/** Long text: asked for (`x-widget` or `format` "textarea", or the UI schema's `multi`), or implied by a maxLength over 200. */
export const textarea: Widget = {
  name: 'textarea',
  matches: (node, hints) => hints.multi === true || node['x-widget'] === 'textarea' || node.format === 'textarea' || (typeof node.maxLength === 'number' && node.maxLength > 200),
  view: (_field, _node, value) => ({ value: textOf(value) }),
  read: readByType,
  designer: { label: { ro: 'Text lung', en: 'Long text' }, rank: 20, node: () => ({ type: 'string', maxLength: 10000, 'x-widget': 'textarea' }) },
};
