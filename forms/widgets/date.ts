import { textOf, type Widget } from './widget.ts';

/** A calendar date (`format: "date"`): the browser's date input, which sends YYYY-MM-DD. */
export const date: Widget = {
  name: 'date',
  partial: 'input',
  matches: (node) => node.format === 'date',
  view: (_field, _node, value) => ({ inputType: 'date', value: textOf(value) }),
  designer: { label: { ro: 'Dată calendaristică', en: 'Date' }, rank: 60, node: () => ({ type: 'string', format: 'date' }) },
};
