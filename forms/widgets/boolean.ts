import { readCheckbox, type Widget } from './widget.ts';

/**
 * Yes or no: one checkbox. An unchecked checkbox sends nothing, so its absence reads as false.
 * Before anything is answered it shows the schema's `default`: a box whose default is true starts
 * ticked, so a clerk who leaves it alone decides what the model's author meant, not the opposite.
 */
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
