import { readNumber, textOf, type Widget } from './widget.ts';

/** A whole number: a text input with a numeric keypad. */
export const integer: Widget = {
  name: 'integer',
  partial: 'input',
  matches: (node) => node.type === 'integer',
  view: (_field, _node, value) => ({ inputType: 'text', inputmode: 'numeric', value: textOf(value) }),
  read: readNumber,
  designer: { label: { ro: 'Număr întreg', en: 'Whole number' }, rank: 40, node: () => ({ type: 'integer' }) },
};
