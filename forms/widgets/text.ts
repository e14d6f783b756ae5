import { textOf, type Widget, type WidgetView } from './widget.ts';

/** Keypad and autofill hints for the Romanian formats a text input takes as they are. */
const FORMATS: Record<string, Pick<WidgetView, 'inputmode' | 'autocomplete'>> = {
  cnp: { inputmode: 'numeric' },
  cui: {},
  'iban-ro': {},
  'postal-code-ro': { inputmode: 'numeric', autocomplete: 'postal-code' },
};

/** Short text, and whatever no other widget takes: the registry's last widget matches every node. */
export const text: Widget = {
  name: 'text',
  partial: 'input',
  matches: () => true,
  view: (_field, node, value) => ({ inputType: 'text', ...(FORMATS[node.format as string] ?? {}), value: textOf(value) }),
  designer: { label: { ro: 'Text scurt', en: 'Text' }, rank: 10, node: () => ({ type: 'string', maxLength: 200 }) },
};
