import { textOf, type Widget } from './widget.ts';

/** An email address (`format: "email"`), with the browser's autofill. */
export const email: Widget = {
  name: 'email',
  partial: 'input',
  matches: (node) => node.format === 'email',
  view: (_field, _node, value) => ({ inputType: 'email', autocomplete: 'email', value: textOf(value) }),
  designer: { label: { ro: 'Adresă de e-mail', en: 'Email address' }, rank: 70, node: () => ({ type: 'string', format: 'email' }) },
};
