import { textOf, type Widget } from './widget.ts';

/** A time of day (`format: "time"`): the browser's time input, which sends HH:MM. */
export const time: Widget = {
  name: 'time',
  partial: 'input',
  matches: (node) => node.format === 'time',
  view: (_field, _node, value) => ({ inputType: 'time', value: textOf(value) }),
};
