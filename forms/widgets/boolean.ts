import { readCheckbox, type Widget } from './widget.ts';

/** Yes or no: one checkbox. An unchecked checkbox sends nothing, so its absence reads as false. */
export const boolean: Widget = {
  name: 'boolean',
  partial: 'checkbox',
  matches: (node) => node.type === 'boolean',
  view: (_field, _node, value) => ({ checked: value === true }),
  answer: (view) => (view.checked ? '✓' : '—'),
  read: readCheckbox,
  absent: () => false,
  designer: { label: { ro: 'Da/Nu', en: 'Yes/No' }, rank: 50, node: () => ({ type: 'boolean' }) },
};
