import { readNumber, textOf, type Widget } from './widget.ts';

/** A number: a text input with a decimal keypad (GOV.UK's advice over type="number"); "12,5" reads as 12.5. */
export const number: Widget = {
  name: 'number',
  partial: 'input',
  matches: (node) => node.type === 'number',
  view: (_field, _node, value) => ({ inputType: 'text', inputmode: 'decimal', value: textOf(value) }),
  read: readNumber,
  designer: { label: { ro: 'Număr', en: 'Number' }, rank: 30, node: () => ({ type: 'number' }) },
};
