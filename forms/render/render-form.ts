import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { FieldError, JsonSchema } from '../validation/validate-form.ts';
import type { Lang } from '../validation/messages.ts';
import { uploadSpec } from '../uploads/uploads.ts';
import { applyRule, defaultUiSchema, effectiveSchema, scopePath, uiLabel, valueAt, type UiElement } from './ui-schema.ts';

/**
 * Server-side rendering of a JSON Schema form: labelled controls, fieldsets with legends for groups
 * and choices, help and errors tied with aria-describedby, an error summary linking to each field,
 * values kept after an error. Works without JavaScript. Every value goes through handlebars' escaping.
 */

const hbs = Handlebars.create();
const template = (name: string) => readFileSync(new URL(`./templates/${name}.hbs`, import.meta.url), 'utf8');
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hbs.registerHelper('isNumber', (a: unknown) => typeof a === 'number');
hbs.registerPartial('field', template('field'));
const formTemplate = hbs.compile(template('form'), { strict: false });

const TEXT = {
  ro: { errorTitle: 'Există o problemă', submit: 'Trimite', requiredText: 'obligatoriu', chooseText: 'Alegeți', step: 'Pasul', of: 'din', next: 'Continuă', back: 'Înapoi', check: 'Verificați răspunsurile înainte de trimitere', change: 'Schimbă', save: 'Salvează și continuă mai târziu', row: 'Rândul', add: 'Adaugă un rând', remove: 'Șterge rândul' },
  en: { errorTitle: 'There is a problem', submit: 'Send', requiredText: 'required', chooseText: 'Choose', step: 'Step', of: 'of', next: 'Continue', back: 'Back', check: 'Check your answers before sending', change: 'Change', save: 'Save and continue later', row: 'Row', add: 'Add a row', remove: 'Remove row' },
};

/** Radios for a few options, a select for many (GOV.UK guidance). */
const MAX_RADIOS = 5;

interface FieldView {
  kind: 'input' | 'textarea' | 'select' | 'choice' | 'checkbox' | 'group' | 'layout' | 'array' | 'file';
  accept?: string;
  multiple?: boolean;
  files?: string[];
  rows?: Array<{ id: string; label: string; children: FieldView[]; removeValue: string; removeText: string }>;
  addValue?: string;
  addText?: string;
  className?: string;
  disabled?: boolean;
  id: string;
  name: string;
  label: string;
  help?: string;
  required: boolean;
  requiredText: string;
  chooseText: string;
  value?: string;
  checked?: boolean;
  options?: Array<{ value: string; label: string; checked: boolean }>;
  inputType?: string;
  inputmode?: string;
  autocomplete?: string;
  error?: string;
  describedBy?: string;
  children?: FieldView[];
}

export interface RenderOptions {
  data?: Record<string, unknown>;
  errors?: FieldError[];
  lang?: Lang;
  action?: string;
  csrfToken?: string;
  /** Layout in the JSON Forms vocabulary; without one, every property in order. */
  uiSchema?: UiElement;
  /** For a Categorization: the step shown (0-based); the step after the last one is the summary page. */
  step?: number;
  /** Link to go back to a step from the summary page. */
  stepHref?: (step: number) => string;
  /** Offer "save and continue later". */
  saveDraft?: boolean;
  /** Validate in the browser too, with the same schema and messages (forms/client); the server stays the authority. */
  validation?: { id: string; version: number | string };
}

function labels(node: JsonSchema, lang: Lang, fallback: string): { label: string; help?: string } {
  const en = (node['x-labels'] as { en?: { title?: string; description?: string } } | undefined)?.en;
  const label = (lang === 'en' ? en?.title : undefined) ?? (node.title as string | undefined) ?? fallback;
  const help = (lang === 'en' ? en?.description : undefined) ?? (node.description as string | undefined);
  return help ? { label, help } : { label };
}

function options(node: JsonSchema, lang: Lang, current: unknown): FieldView['options'] | undefined {
  if (Array.isArray(node.oneOf) && node.oneOf.every((o) => o && typeof o === 'object' && 'const' in o)) {
    return (node.oneOf as JsonSchema[]).map((o) => ({ value: String(o.const), label: labels(o, lang, String(o.const)).label, checked: String(current ?? '') === String(o.const) }));
  }
  if (Array.isArray(node.enum)) return node.enum.map((v) => ({ value: String(v), label: String(v), checked: String(current ?? '') === String(v) }));
  return undefined;
}

const INPUTS: Record<string, Pick<FieldView, 'inputType' | 'inputmode' | 'autocomplete'>> = {
  date: { inputType: 'date' },
  email: { inputType: 'email', autocomplete: 'email' },
  'phone-ro': { inputType: 'tel', autocomplete: 'tel', inputmode: 'tel' },
  cnp: { inputType: 'text', inputmode: 'numeric' },
  cui: { inputType: 'text' },
  'iban-ro': { inputType: 'text' },
  'postal-code-ro': { inputType: 'text', inputmode: 'numeric', autocomplete: 'postal-code' },
};

function fieldView(node: JsonSchema, key: string, path: string[], required: boolean, value: unknown, ctx: { lang: Lang; errors: Map<string, string> }): FieldView {
  const pointer = `/${path.join('/')}`;
  const id = `f-${path.join('-')}`;
  const name = path.map((p, i) => (i === 0 ? p : `[${p}]`)).join('');
  const { label, help } = labels(node, ctx.lang, key);
  const error = ctx.errors.get(pointer);
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const base = { id, name, label, ...(help ? { help } : {}), required, requiredText: TEXT[ctx.lang].requiredText, chooseText: TEXT[ctx.lang].chooseText, ...(error ? { error } : {}), ...(describedBy ? { describedBy } : {}) };
  if (node.type === 'object' && node.properties) {
    const req = new Set((node.required as string[] | undefined) ?? []);
    const current = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
    const children = Object.entries(node.properties as Record<string, JsonSchema>).map(([k, child]) => fieldView(child, k, [...path, k], req.has(k), current[k], ctx));
    return { ...base, kind: 'group', children };
  }
  const upload = uploadSpec(node);
  if (upload) {
    const stored = (Array.isArray(value) ? value : value ? [value] : []) as Array<{ originalName?: string }>;
    return { ...base, kind: 'file', accept: upload.accept.join(','), multiple: upload.maxFiles > 1, files: stored.map((f) => String(f.originalName ?? '')) };
  }
  if (node.type === 'array' && (node.items as JsonSchema | undefined)?.type === 'object') {
    // Rows of a list: each a fieldset; add/remove are submit buttons, so it works without JavaScript.
    const items = node.items as JsonSchema;
    const list = Array.isArray(value) && value.length > 0 ? value : [{}];
    const req = new Set((items.required as string[] | undefined) ?? []);
    const rows = list.map((row, i) => ({
      id: `${id}-${i}`,
      label: `${labels(items, ctx.lang, TEXT[ctx.lang].row).label} ${i + 1}`,
      children: Object.entries((items.properties ?? {}) as Record<string, JsonSchema>).map(([k, child]) => fieldView(child, k, [...path, String(i), k], req.has(k), (row as Record<string, unknown>)?.[k], ctx)),
      removeValue: `${path.join('.')}.${i}`,
      removeText: `${TEXT[ctx.lang].remove} ${i + 1}`,
    }));
    return { ...base, kind: 'array', rows, addValue: path.join('.'), addText: TEXT[ctx.lang].add };
  }
  if (node.type === 'boolean') return { ...base, kind: 'checkbox', checked: value === true };
  const opts = options(node, ctx.lang, value);
  if (opts) return { ...base, kind: opts.length <= MAX_RADIOS ? 'choice' : 'select', options: opts };
  const text = value === undefined || value === null ? '' : String(value);
  if (node['x-widget'] === 'textarea' || node.format === 'textarea' || (typeof node.maxLength === 'number' && node.maxLength > 200)) {
    return { ...base, kind: 'textarea', value: text };
  }
  if (node.type === 'number' || node.type === 'integer') return { ...base, kind: 'input', inputType: 'text', inputmode: node.type === 'integer' ? 'numeric' : 'decimal', value: text };
  return { ...base, kind: 'input', inputType: 'text', ...(INPUTS[node.format as string] ?? {}), value: text };
}

interface Ctx {
  schema: JsonSchema;
  data: Record<string, unknown>;
  lang: Lang;
  errors: Map<string, string>;
}

/** The schema node and whether it is required, for a path of property names. */
function nodeAt(schema: JsonSchema, path: string[]): { node?: JsonSchema; required: boolean } {
  let node: JsonSchema | undefined = schema;
  let required = false;
  for (const key of path) {
    required = ((node?.required as string[] | undefined) ?? []).includes(key);
    node = (node?.properties as Record<string, JsonSchema> | undefined)?.[key];
  }
  return { node, required };
}

function renderElement(el: UiElement, ctx: Ctx): FieldView[] {
  const { visible, enabled } = applyRule(el.rule, ctx.data);
  if (!visible) return [];
  const children = () => (el.elements ?? []).flatMap((child) => renderElement(child, ctx));
  const label = uiLabel(el.label, ctx.lang);
  let views: FieldView[];
  switch (el.type) {
    case 'Control': {
      const path = scopePath(el.scope ?? '');
      const { node, required } = nodeAt(ctx.schema, path);
      if (!node) return [];
      const view = fieldView(node, path.at(-1)!, path, required, valueAt(ctx.data, path), ctx);
      if (label) view.label = label;
      if (el.options?.multi && view.kind === 'input') view.kind = 'textarea';
      views = [view];
      break;
    }
    case 'Group':
      views = [{ kind: 'group', id: `g-${(label ?? 'grup').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, name: '', label: label ?? '', required: false, requiredText: TEXT[ctx.lang].requiredText, chooseText: TEXT[ctx.lang].chooseText, children: children() }];
      break;
    case 'HorizontalLayout':
      views = [{ kind: 'layout', className: 'row', id: '', name: '', label: '', required: false, requiredText: '', chooseText: '', children: children() }];
      break;
    default:
      views = children();
  }
  if (!enabled) markDisabled(views);
  return views;
}

function markDisabled(views: FieldView[]): void {
  for (const v of views) {
    v.disabled = true;
    if (v.children) markDisabled(v.children);
  }
}

/** Every answer as name/value pairs, carried in hidden inputs between steps (no session needed). */
function hiddenInputs(data: unknown, prefix = ''): Array<{ name: string; value: string }> {
  if (data === undefined || data === null) return [];
  if (typeof data === 'object' && !Array.isArray(data)) {
    return Object.entries(data as Record<string, unknown>).flatMap(([k, v]) => hiddenInputs(v, prefix ? `${prefix}[${k}]` : k));
  }
  if (Array.isArray(data)) return data.flatMap((v, i) => hiddenInputs(v, `${prefix}[${i}]`));
  return [{ name: prefix, value: String(data) }];
}

/** The controls of a set of views, flattened, for the summary page. */
function answers(views: FieldView[]): Array<{ label: string; value: string }> {
  return views.flatMap((v) => {
    if (v.rows) return v.rows.flatMap((r) => answers(r.children).map((a) => ({ label: `${r.label}: ${a.label}`, value: a.value })));
    if (v.children) return answers(v.children);
    const shown = v.kind === 'checkbox' ? (v.checked ? '✓' : '—') : v.kind === 'file' ? (v.files?.join(', ') || '—') : v.options ? (v.options.find((o) => o.checked)?.label ?? '—') : (v.value || '—');
    return [{ label: v.label, value: shown }];
  });
}

export function renderForm(schema: JsonSchema, options: RenderOptions = {}): string {
  const lang = options.lang ?? 'ro';
  const errors = options.errors ?? [];
  const data = options.data ?? {};
  const ctx: Ctx = { schema: effectiveSchema(schema, data), data, lang, errors: new Map(errors.map((e) => [e.pointer, e.message])) };
  const ui = options.uiSchema ?? defaultUiSchema(ctx.schema);
  const base = {
    action: options.action ?? '',
    csrfToken: options.csrfToken,
    t: TEXT[lang],
    saveDraft: options.saveDraft === true,
    errors: errors.map((e) => ({ id: `f-${e.pointer.split('/').filter(Boolean).join('-')}`, message: e.message })),
    ...(options.validation ? { validation: clientValidation(schema, lang, options.validation) } : {}),
  };
  if (ui.type !== 'Categorization') {
    const fields = renderElement(ui, ctx);
    return formTemplate({ ...base, fields, multipart: hasFile(fields) });
  }

  const categories = (ui.elements ?? []).filter((c) => applyRule(c.rule, data).visible);
  const step = Math.max(0, Math.min(options.step ?? 0, categories.length));
  const href = options.stepHref ?? ((i: number) => `?step=${i}`);
  const steps = { current: step, index: step + 1, count: categories.length, back: step > 0 ? step - 1 : undefined, next: step + 1 };
  if (step === categories.length) {
    const summary = categories.map((c, i) => ({ label: uiLabel(c.label, lang) ?? '', href: href(i), answers: answers(renderElement(c, ctx)) }));
    return formTemplate({ ...base, summary, hidden: hiddenInputs(data), steps: { ...steps, back: step - 1 } });
  }
  const current = categories[step]!;
  const fields = renderElement(current, ctx);
  const shown = new Set(answers(fields).length > 0 ? collectNames(fields) : []);
  const hidden = hiddenInputs(data).filter((h) => !shown.has(h.name) && ![...shown].some((n) => h.name.startsWith(`${n}[`)));
  return formTemplate({ ...base, fields, hidden, multipart: hasFile(fields), steps: { ...steps, title: uiLabel(current.label, lang) } });
}

/** The schema for the browser, inside a JSON script element: `<` escaped so no text can close it. */
function clientValidation(schema: JsonSchema, lang: Lang, key: { id: string; version: number | string }): { json: string } {
  return { json: JSON.stringify({ schema, lang, id: key.id, version: key.version }).replace(/</g, '\\u003c') };
}

/** A read-only list of labelled answers, in the form's own order and words (clerks read requests with it). */
export function renderAnswers(schema: JsonSchema, data: Record<string, unknown>, options: { uiSchema?: UiElement; lang?: Lang } = {}): Array<{ label: string; value: string }> {
  const lang = options.lang ?? 'ro';
  const ctx: Ctx = { schema: effectiveSchema(schema, data), data, lang, errors: new Map() };
  const ui = options.uiSchema ?? defaultUiSchema(ctx.schema);
  const parts = ui.type === 'Categorization' ? (ui.elements ?? []).filter((c) => applyRule(c.rule, data).visible) : [ui];
  return parts.flatMap((part) => answers(renderElement(part, ctx)));
}

function hasFile(views: FieldView[]): boolean {
  return views.some((v) => v.kind === 'file' || (v.children ? hasFile(v.children) : false) || (v.rows ?? []).some((r) => hasFile(r.children)));
}

function collectNames(views: FieldView[]): string[] {
  // Kept uploads are not editable by a file input, so their records keep travelling in hidden fields:
  // references by id only (no stored name), which the server checks against its own rows at submission.
  return views.flatMap((v) => (v.kind === 'file' ? [] : v.rows ? [v.name] : v.children ? collectNames(v.children) : v.name ? [v.name] : []));
}
