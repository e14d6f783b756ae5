import { h, uid } from '../dom.ts';
import { checkField, fieldTypes, parseOptions, takesOptions, type FieldSpec } from './field-list.ts';
import { parseJson } from './form-set.ts';
import type { FormsText } from './forms-text.ts';

/** What the form needs of the panel around it: the selected form's schema text, and a way to add to it. */
export interface AddFieldHost {
  /** Undefined while no form is selected. */
  schemaText(): string | undefined;
  add(spec: FieldSpec): void;
}

/** The "add a field" form: name, type, labels and hints in both languages, required, options. */
export function createAddFieldForm(lang: 'ro' | 'en', text: FormsText, host: AddFieldHost): { node: HTMLFormElement; setEnabled(enabled: boolean): void } {
  const field = (label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement) => {
    control.id = uid('field');
    return h('div', { className: 'dosar-field-input' }, h('label', { for: control.id }, label), control);
  };
  const name = h('input', { type: 'text', name: 'field-name', autocomplete: 'off', spellcheck: 'false' });
  const type = h('select', { name: 'field-type' }, ...fieldTypes().map((t) => h('option', { value: t.type }, t.label[lang])));
  const labelRo = h('input', { type: 'text', name: 'field-label-ro', lang: 'ro' });
  const labelEn = h('input', { type: 'text', name: 'field-label-en', lang: 'en' });
  const helpRo = h('input', { type: 'text', name: 'field-help-ro', lang: 'ro' });
  const helpEn = h('input', { type: 'text', name: 'field-help-en', lang: 'en' });
  const required = h('input', { type: 'checkbox', name: 'field-required', id: uid('field') });
  const choices = h('textarea', { name: 'field-options', rows: '3' });
  const choicesRow = field(text.options, choices);
  choicesRow.hidden = true;
  type.addEventListener('change', () => { choicesRow.hidden = !takesOptions(type.value); });
  const errors = h('ul', { className: 'dosar-form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', 'data-action': 'add-field' }, text.add);
  const node = h('form', { className: 'dosar-add-field' },
    h('fieldset', {}, h('legend', {}, text.addField),
      h('div', { className: 'dosar-field-grid' },
        field(text.fieldName, name), field(text.fieldType, type),
        field(text.labelRo, labelRo), field(text.labelEn, labelEn),
        field(text.helpRo, helpRo), field(text.helpEn, helpEn)),
      choicesRow,
      h('div', { className: 'dosar-field-check' }, required, h('label', { for: required.id }, text.isRequired)),
      errors, submit));
  node.addEventListener('submit', (event) => {
    event.preventDefault();
    const schemaText = host.schemaText();
    if (schemaText === undefined) return;
    const schema = parseJson(schemaText);
    if (!schema.ok) {
      errors.replaceChildren(h('li', {}, text.fixJson));
      return;
    }
    const spec: FieldSpec = {
      name: name.value.trim(),
      type: type.value,
      label: { ro: labelRo.value.trim(), ...(labelEn.value.trim() ? { en: labelEn.value.trim() } : {}) },
      help: { ...(helpRo.value.trim() ? { ro: helpRo.value.trim() } : {}), ...(helpEn.value.trim() ? { en: helpEn.value.trim() } : {}) },
      required: required.checked,
      ...(takesOptions(type.value) ? { options: parseOptions(choices.value) } : {}),
    };
    const problems = checkField(schema.value, spec, lang);
    errors.replaceChildren(...problems.map((p) => h('li', {}, p)));
    if (problems.length > 0) return;
    host.add(spec);
    for (const input of [name, labelRo, labelEn, helpRo, helpEn, choices]) input.value = '';
    required.checked = false;
    name.focus();
  });
  return {
    node,
    setEnabled(enabled: boolean) {
      submit.disabled = !enabled;
      if (!enabled) errors.replaceChildren(h('li', {}, text.fixJson));
      else if (errors.textContent === text.fixJson) errors.replaceChildren();
    },
  };
}

