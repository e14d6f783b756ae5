import type { DesignerApi, Problem } from '../api.ts';
import { h, uid } from '../dom.ts';
import { createAddFieldForm } from './add-field-form.ts';
import { addField, addFieldToUi, fieldTypeLabel, listFields, removeField, removeFieldFromUi, type Json } from './field-list.ts';
import { FORM_NAME, parseJson, type FormSet } from './form-set.ts';
import { formsText } from './forms-text.ts';
import { debounced, previewDocument } from './preview.ts';
import { addStep, assignField, losesDetail, moveStep, readSteps, removeStep, renameStep, setMulti, writeSteps, type StepsModel } from './steps.ts';

export interface FormsPanelOptions {
  api: DesignerApi;
  lang: 'ro' | 'en';
  forms: FormSet;
  /** The form citizens fill in (the package's requestForm, "cerere" by default). */
  citizenForm: () => string;
  /** The portal's stylesheets, linked in the preview so it looks as citizens see it. */
  stylesheets: string[];
}

export interface FormsPanel {
  select(name: string): void;
  selected(): string | undefined;
  /** Runs a pending preview now and waits for it (tests, screenshots). */
  flushPreview(): Promise<void>;
  /** Called when the panel becomes visible: the preview is only computed while it can be seen. */
  shown(): void;
}

/**
 * Forms beside the diagram: the procedure's forms on the left; for the selected one, the field list
 * (add a field without writing JSON), the JSON Schema and UI schema side by side and a live preview
 * rendered by the server exactly as the portal renders it, with the schema's problems inline; the
 * steps section arranges the layout (one page, or steps with each field in one) without JSON.
 */
export function createFormsPanel(container: HTMLElement, options: FormsPanelOptions): FormsPanel {
  const { api, lang, forms } = options;
  const text = formsText(lang);
  let current: string | undefined;
  let previewLang: 'ro' | 'en' = lang;

  // The preview frame is sandboxed without scripts or form submission; it keeps the page's origin
  // only so the portal's stylesheets load (helmet sends Cross-Origin-Resource-Policy: same-origin).

  // The list of forms and "new form".
  const list = h('ul', { className: 'dosar-form-list', id: 'form-list' });
  const empty = h('p', { className: 'dosar-form-empty' }, text.none);
  const newNameId = uid('new-form-name');
  const newName = h('input', { id: newNameId, name: 'new-form-name', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${newNameId}-hint` });
  const newError = h('p', { className: 'dosar-form-error', role: 'alert' });
  const newForm = h('form', { className: 'dosar-new-form', 'data-action': 'new-form' },
    h('label', { for: newNameId }, text.newName),
    h('p', { className: 'dosar-hint', id: `${newNameId}-hint` }, text.newHint),
    newName,
    h('button', { type: 'submit' }, text.create),
    newError);
  const side = h('nav', { className: 'dosar-forms-nav', 'aria-label': text.title }, h('h2', {}, text.title), empty, list, newForm);

  // The editor of the selected form.
  const title = h('h2', { className: 'dosar-form-title', id: 'form-editor-title' });
  const fieldRows = h('tbody');
  const fieldTable = h('table', { className: 'dosar-field-table' },
    h('thead', {}, h('tr', {}, ...[text.name, text.label, text.type, text.required, ''].map((c) => h('th', { scope: 'col' }, c)))),
    fieldRows);
  const noFields = h('p', { className: 'dosar-hint' }, text.noFields);
  const addForm = createAddFieldForm(lang, text, {
    schemaText: () => (current ? forms.get(current)!.schemaText : undefined),
    add: (spec) => editJson((schema, ui) => ({ schema: addField(schema, spec), ui: addFieldToUi(ui, spec.name) })),
  });
  const fieldsSection = h('section', { className: 'dosar-form-fields', 'aria-labelledby': 'form-fields-title' },
    h('h3', { id: 'form-fields-title' }, text.fields), noFields, fieldTable, addForm.node);

  // The layout: one page, or steps (a Categorization), each field placed in one step.
  const multiBox = h('input', { type: 'checkbox', id: 'form-multi-step', name: 'form-multi-step', 'aria-describedby': 'form-steps-hint', 'data-key': 'multi' });
  const stepsWarning = h('p', { className: 'dosar-hint dosar-steps-warning', id: 'form-steps-warning', hidden: true }, text.stepsLoses);
  const stepList = h('ol', { className: 'dosar-step-list', id: 'form-step-list' });
  const addStepButton = h('button', { type: 'button', 'data-action': 'add-step', 'data-key': 'add-step' }, text.addStep);
  const fieldStepList = h('ul', { className: 'dosar-field-steps' });
  const stepsBody = h('div', { className: 'dosar-steps-body', hidden: true }, stepList, addStepButton,
    h('fieldset', { className: 'dosar-field-steps-set' }, h('legend', {}, text.fieldSteps), fieldStepList));
  const stepsSection = h('section', { className: 'dosar-form-steps', 'aria-labelledby': 'form-steps-title' },
    h('h3', { id: 'form-steps-title' }, text.steps),
    h('div', { className: 'dosar-field-check' }, multiBox, h('label', { for: 'form-multi-step' }, text.multiStep)),
    h('p', { className: 'dosar-hint', id: 'form-steps-hint' }, text.stepsHint), stepsWarning, stepsBody);

  const schemaArea = h('textarea', { id: 'form-schema', name: 'form-schema', spellcheck: 'false', rows: '24', 'aria-describedby': 'form-problems' });
  const uiArea = h('textarea', { id: 'form-ui', name: 'form-ui', spellcheck: 'false', rows: '24', placeholder: '{ "type": "VerticalLayout", "elements": [] }' });
  const problemList = h('ul', { className: 'dosar-form-problems', id: 'form-problems', 'aria-label': text.problems, 'aria-live': 'polite' });
  const frame = h('iframe', { className: 'dosar-form-preview', sandbox: 'allow-same-origin', title: text.previewFrame, 'data-state': 'empty' });
  const langSelect = h('select', { id: 'form-preview-lang', 'aria-label': text.previewLang },
    h('option', { value: 'ro', selected: lang === 'ro' }, 'Română'), h('option', { value: 'en', selected: lang === 'en' }, 'English'));
  const code = h('div', { className: 'dosar-form-code' },
    h('div', { className: 'dosar-form-pane' }, h('label', { for: 'form-schema' }, text.schema), schemaArea),
    h('div', { className: 'dosar-form-pane' }, h('label', { for: 'form-ui' }, text.ui), uiArea),
    h('div', { className: 'dosar-form-pane dosar-form-preview-pane' }, h('div', { className: 'dosar-form-preview-head' }, h('span', {}, text.preview), langSelect), frame));
  const editor = h('section', { className: 'dosar-form-editor', 'aria-labelledby': 'form-editor-title', hidden: true }, title, fieldsSection, stepsSection, problemList, code);

  container.classList.add('dosar-forms');
  container.replaceChildren(side, editor);

  const preview = debounced(async (signal) => {
    if (!current) return;
    const form = forms.get(current)!;
    const schema = parseJson(form.schemaText);
    const ui = form.uiText.trim() ? parseJson(form.uiText) : undefined;
    schemaArea.setAttribute('aria-invalid', String(!schema.ok));
    uiArea.setAttribute('aria-invalid', String(ui ? !ui.ok : false));
    const local: Problem[] = [];
    if (!schema.ok) local.push({ code: 'json', message: text.jsonError(schema.message) });
    if (ui && !ui.ok) local.push({ code: 'json', message: text.uiJsonError(ui.message) });
    if (!schema.ok || (ui && !ui.ok)) {
      showProblems(local);
      frame.dataset.state = 'invalid';
      return;
    }
    frame.dataset.state = 'pending';
    try {
      const result = await api.preview(schema.value, ui?.ok ? ui.value : undefined, previewLang, signal);
      showProblems(result.problems);
      if (result.html) {
        frame.srcdoc = previewDocument(result.html, previewLang, options.stylesheets);
        await new Promise((resolve) => { frame.addEventListener('load', resolve, { once: true }); setTimeout(resolve, 2000); });
      }
      frame.dataset.state = result.problems.length > 0 ? 'invalid' : 'ready';
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      showProblems([{ code: 'preview', message: text.previewFailed((err as Error).message) }]);
      frame.dataset.state = 'failed';
    }
  }, 350);

  function showProblems(problems: Problem[]): void {
    problemList.replaceChildren(...problems.map((p) => h('li', { className: 'dosar-form-problem', 'data-code': p.code, ...(p.elementId ? { 'data-pointer': p.elementId } : {}) },
      p.elementId ? h('code', {}, text.at(p.elementId)) : undefined, p.message)));
  }

  function renderList(): void {
    const names = forms.names();
    empty.hidden = names.length > 0;
    list.replaceChildren(...names.map((name) => {
      const button = h('button', { type: 'button', 'data-form': name, 'aria-current': name === current ? 'true' : undefined },
        forms.title(name, lang), ' ', h('code', {}, name));
      button.addEventListener('click', () => select(name));
      return h('li', {}, button, name === options.citizenForm() ? h('span', { className: 'dosar-badge' }, text.citizen) : undefined);
    }));
    if (!newName.value && !names.includes(options.citizenForm())) newName.value = options.citizenForm();
  }

  function renderFields(): void {
    if (!current) return;
    const schema = parseJson(forms.get(current)!.schemaText);
    addForm.setEnabled(schema.ok);
    if (!schema.ok) return;
    const fields = listFields(schema.value, lang);
    noFields.hidden = fields.length > 0;
    fieldTable.hidden = fields.length === 0;
    fieldRows.replaceChildren(...fields.map((field) => {
      const remove = h('button', { type: 'button', className: 'dosar-link', 'aria-label': text.remove(field.name), 'data-remove-field': field.name }, text.removeText);
      remove.addEventListener('click', () => editJson((s, ui) => ({ schema: removeField(s, field.name), ui: removeFieldFromUi(ui, field.name) })));
      const type = fieldTypeLabel(field.type, lang);
      return h('tr', { 'data-field': field.name }, h('td', {}, h('code', {}, field.name)), h('td', {}, field.label), h('td', {}, type), h('td', {}, field.required ? text.yes : ''), h('td', {}, remove));
    }));
    renderSteps();
  }

  /** The parsed schema and UI schema of the selected form, when both are valid JSON. */
  function parsedForm(): { schema: Json; ui: Json | undefined } | undefined {
    if (!current) return undefined;
    const form = forms.get(current)!;
    const schema = parseJson(form.schemaText);
    const ui = form.uiText.trim() ? parseJson(form.uiText) : undefined;
    if (!schema.ok || (ui && !ui.ok)) return undefined;
    return { schema: schema.value, ui: ui?.ok ? ui.value : undefined };
  }

  /** Shows the steps editor for the UI schema as it stands; `focus` names the control to focus after. */
  function renderSteps(focus?: string): void {
    const parsed = parsedForm();
    multiBox.disabled = !parsed;
    if (!parsed) return;
    const focused = focus ?? (stepsSection.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.key : undefined);
    const model = readSteps(parsed.schema, parsed.ui);
    multiBox.checked = model.multi;
    stepsBody.hidden = !model.multi;
    stepsWarning.hidden = !losesDetail(parsed.schema, parsed.ui);
    const count = model.steps.length;
    stepList.replaceChildren(...model.steps.map((step, i) => {
      const n = i + 1;
      const ro = h('input', { type: 'text', id: `form-step-${i}-ro`, name: `step-${i}-ro`, lang: 'ro', value: step.ro, 'data-key': `ro-${i}` });
      const en = h('input', { type: 'text', id: `form-step-${i}-en`, name: `step-${i}-en`, lang: 'en', value: step.en, 'data-key': `en-${i}` });
      ro.addEventListener('input', () => applySteps(renameStep(readCurrent(), i, 'ro', ro.value), false));
      en.addEventListener('input', () => applySteps(renameStep(readCurrent(), i, 'en', en.value), false));
      const up = h('button', { type: 'button', 'aria-label': text.stepUp(n), 'data-action': 'step-up', 'data-key': `up-${i}`, disabled: i === 0 }, text.upText);
      const down = h('button', { type: 'button', 'aria-label': text.stepDown(n), 'data-action': 'step-down', 'data-key': `down-${i}`, disabled: i === count - 1 }, text.downText);
      const remove = h('button', { type: 'button', className: 'dosar-link', 'aria-label': text.stepRemove(n), 'data-action': 'step-remove', 'data-key': `remove-${i}`, disabled: count <= 1 }, text.removeText);
      up.addEventListener('click', () => applySteps(moveStep(readCurrent(), i, -1), true, i - 1 === 0 ? `down-${i - 1}` : `up-${i - 1}`));
      down.addEventListener('click', () => applySteps(moveStep(readCurrent(), i, 1), true, i + 1 === count - 1 ? `up-${i + 1}` : `down-${i + 1}`));
      remove.addEventListener('click', () => applySteps(removeStep(readCurrent(), i), true, `ro-${Math.max(0, i - 1)}`));
      return h('li', { className: 'dosar-step', 'data-step': String(i) },
        h('fieldset', {}, h('legend', {}, text.stepN(n)),
          h('div', { className: 'dosar-field-grid' },
            h('div', { className: 'dosar-field-input' }, h('label', { for: ro.id }, text.stepLabelRo(n)), ro),
            h('div', { className: 'dosar-field-input' }, h('label', { for: en.id }, text.stepLabelEn(n)), en)),
          h('div', { className: 'dosar-step-actions' }, up, ' ', down, ' ', remove)));
    }));
    fieldStepList.replaceChildren(...listFields(parsed.schema, lang).map((field) => {
      const id = `form-field-step-${field.name}`;
      const select = h('select', { id, name: `field-step-${field.name}`, 'data-field-step': field.name, 'data-key': `field-${field.name}` },
        ...model.steps.map((step, i) => h('option', { value: String(i), selected: model.assign[field.name] === i }, `${i + 1}. ${(lang === 'en' && step.en) || step.ro || text.stepN(i + 1)}`)));
      select.setAttribute('aria-label', text.fieldStep(field.label));
      select.addEventListener('change', () => applySteps(assignField(readCurrent(), field.name, Number(select.value)), true));
      return h('li', { className: 'dosar-field-input' }, h('label', { for: id }, field.label, ' ', h('code', {}, field.name)), select);
    }));
    if (focused) {
      const target = stepsSection.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`);
      if (target && !(target as HTMLButtonElement).disabled) target.focus();
    }
  }

  function readCurrent(): StepsModel {
    const parsed = parsedForm();
    return parsed ? readSteps(parsed.schema, parsed.ui) : { multi: false, steps: [], assign: {} };
  }

  /** Writes the steps model as the UI schema; the textarea and the preview follow. */
  function applySteps(model: StepsModel, rerender: boolean, focus?: string): void {
    const parsed = parsedForm();
    if (!current || !parsed) return;
    forms.update(current, { uiText: `${JSON.stringify(writeSteps(parsed.schema, model), null, 2)}\n` });
    uiArea.value = forms.get(current)!.uiText;
    if (rerender) renderSteps(focus);
    else stepsWarning.hidden = true;
    preview.schedule(rerender);
  }

  /** Applies a change to the parsed schema and UI schema, and writes both back as text. */
  function editJson(change: (schema: Json, ui: Json | undefined) => { schema: Json; ui: Json | undefined }): boolean {
    if (!current) return false;
    const form = forms.get(current)!;
    const schema = parseJson(form.schemaText);
    const ui = form.uiText.trim() ? parseJson(form.uiText) : undefined;
    if (!schema.ok || (ui && !ui.ok)) return false;
    const next = change(schema.value, ui?.ok ? ui.value : undefined);
    forms.setJson(current, next.schema, next.ui ?? null);
    schemaArea.value = forms.get(current)!.schemaText;
    uiArea.value = forms.get(current)!.uiText;
    renderFields();
    renderList();
    preview.schedule(true);
    return true;
  }

  function select(name: string): void {
    current = name;
    const form = forms.get(name);
    editor.hidden = !form;
    if (!form) return;
    title.textContent = `${forms.title(name, lang)} (${name})`;
    schemaArea.value = form.schemaText;
    uiArea.value = form.uiText;
    showProblems([]);
    renderList();
    renderFields();
    if (!container.hidden) preview.schedule(true);
  }

  schemaArea.addEventListener('input', () => {
    if (!current) return;
    forms.update(current, { schemaText: schemaArea.value });
    renderFields();
    preview.schedule();
  });
  uiArea.addEventListener('input', () => {
    if (!current) return;
    forms.update(current, { uiText: uiArea.value });
    renderSteps();
    preview.schedule();
  });
  multiBox.addEventListener('change', () => applySteps(setMulti(readCurrent(), multiBox.checked), true, 'multi'));
  addStepButton.addEventListener('click', () => applySteps(addStep(readCurrent()), true, `ro-${readCurrent().steps.length}`));
  langSelect.addEventListener('change', () => {
    previewLang = langSelect.value === 'en' ? 'en' : 'ro';
    preview.schedule(true);
  });
  newForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = newName.value.trim();
    newError.textContent = !FORM_NAME.test(name) ? text.badName : forms.get(name) ? text.exists(name) : '';
    if (newError.textContent) return;
    forms.add(name, name === options.citizenForm() ? (lang === 'en' ? 'Request' : 'Cerere') : name);
    newName.value = '';
    select(name);
  });

  renderList();
  const first = forms.names().includes(options.citizenForm()) ? options.citizenForm() : forms.names()[0];
  if (first) select(first);
  return {
    select,
    selected: () => current,
    flushPreview: () => preview.flush(),
    shown: () => {
      renderList();
      if (current) preview.schedule(true);
    },
  };
}
