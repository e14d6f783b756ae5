import { textOf, type Widget } from './widget.ts';

/** A Romanian phone number (`format: "phone-ro"`): a tel input, with autofill and a phone keypad. */
export const phone: Widget = {
  name: 'phone',
  partial: 'input',
  matches: (node) => node.format === 'phone-ro',
  view: (_field, _node, value) => ({ inputType: 'tel', autocomplete: 'tel', inputmode: 'tel', value: textOf(value) }),
  designer: { label: { ro: 'Telefon', en: 'Phone' }, rank: 80, node: () => ({ type: 'string', format: 'phone-ro' }) },
};
