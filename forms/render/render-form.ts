import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { FieldError, JsonSchema } from '../validation/validate-form.ts';
import type { Lang } from '../validation/messages.ts';
import { allWidgets, widgetNamed, type FieldView, type Widget } from '../widgets/index.ts';
import { fieldView } from './field-view.ts';
import { FORM_TEXT } from './form-text.ts';
import { applyRule, defaultUiSchema, effectiveSchema, scopePath, uiLabel, valueAt, withDefaults, type UiElement } from './ui-schema.ts';

/**
 * Server-side rendering of a JSON Schema form: labelled controls, fieldsets with legends for groups
 * and choices, help and errors tied with aria-describedby, an error summary linking to each field,
 * values kept after an error. Works without JavaScript. Every value goes through handlebars' escaping.
 * Each field is drawn by its widget (forms/widgets); this file lays out the page around them.
 */

const hbs = Handlebars.create();
const template = (name: string) => readFileSync(new URL(`./templates/${name}.hbs`, import.meta.url), 'utf8');
hbs.registerHelper('isNumber', (a: unknown) => typeof a === 'number');
hbs.registerPartial('field', template('field'));
hbs.registerPartial('layout', template('layout'));
const formTemplate = hbs.compile(template('form'), { strict: false });

/** Each widget's template, registered as a partial the first time a form is drawn after the widget was added. */
const withPartial = new WeakSet<Widget>();
function registerPartials(): void {
  for (const widget of allWidgets()) {
    if (withPartial.has(widget)) continue;
    const partial = widget.partial ?? widget.name;
    if (widget.template !== undefined) hbs.registerPartial(partial, widget.template);
    else if (!hbs.partials[partial]) hbs.registerPartial(partial, readFileSync(new URL(`../widgets/${partial}.hbs`, import.meta.url), 'utf8'));
    withPartial.add(widget);
  }
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
  /** The submit button's words where the default ("Trimiteți" / "Send") says too little, e.g. "Depuneți cererea". */
  submitLabel?: string;
  /** Offer "save and continue later". */
  saveDraft?: boolean;
  /** Validate in the browser too, with the same schema and messages (forms/client); the server stays the authority. */
  validation?: { id: string; version: number | string };
  /** Control fields the page carries through every step (names start with `_`, so they are never data): an idempotency key. */
  controls?: Record<string, string>;
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
      const view = fieldView(node, path, required, valueAt(ctx.data, path), ctx, { multi: el.options?.multi === true });
      if (label) view.label = label;
      views = [view];
      break;
    }
    case 'Group':
      views = [{ kind: 'group', partial: 'group', id: `g-${(label ?? 'grup').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, name: '', label: label ?? '', required: false, requiredText: FORM_TEXT[ctx.lang].requiredText, chooseText: FORM_TEXT[ctx.lang].chooseText, children: children() }];
      break;
    case 'HorizontalLayout':
      views = [{ kind: 'layout', partial: 'layout', className: 'row', id: '', name: '', label: '', required: false, requiredText: '', chooseText: '', children: children() }];
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
    if (v.rows) return v.rows.flatMap((r) => answers(r.children).map((a) => ({ label: r.single ? a.label : `${r.label}: ${a.label}`, value: a.value })));
    if (v.children) return answers(v.children);
    const answer = widgetNamed(v.kind)?.answer;
    return [{ label: v.label, value: answer ? answer(v) : (v.value || '—') }];
  });
}

export function renderForm(schema: JsonSchema, options: RenderOptions = {}): string {
  const lang = options.lang ?? 'ro';
  const errors = options.errors ?? [];
  const data = options.data ?? {};
  // A field not yet answered shows its schema's default (Camunda forms' defaultValue arrive as one); a summary shows only answers.
  const filledIn = withDefaults(schema, data);
  const ctx: Ctx = { schema: effectiveSchema(schema, filledIn), data: filledIn, lang, errors: new Map(errors.map((e) => [e.pointer, e.message])) };
  const ui = options.uiSchema ?? defaultUiSchema(ctx.schema);
  const base = {
    action: options.action ?? '',
    csrfToken: options.csrfToken,
    controls: Object.entries(options.controls ?? {}).filter(([name]) => name.startsWith('_')).map(([name, value]) => ({ name, value })),
    t: options.submitLabel ? { ...FORM_TEXT[lang], submit: options.submitLabel } : FORM_TEXT[lang],
    saveDraft: options.saveDraft === true,
    errors: errors.map((e) => ({ id: `f-${e.pointer.split('/').filter(Boolean).join('-')}`, message: e.message })),
    ...(options.validation ? { validation: clientValidation(schema, lang, options.validation) } : {}),
  };
  registerPartials();
  if (ui.type !== 'Categorization') {
    const fields = renderElement(ui, ctx);
    return formTemplate({ ...base, fields, multipart: hasFile(fields) });
  }

  const categories = (ui.elements ?? []).filter((c) => applyRule(c.rule, filledIn).visible);
  const step = Math.max(0, Math.min(options.step ?? 0, categories.length));
  const href = options.stepHref ?? ((i: number) => `?step=${i}`);
  const steps = { current: step, index: step + 1, count: categories.length, back: step > 0 ? step - 1 : undefined, next: step + 1 };
  if (step === categories.length) {
    const summary = categories.map((c, i) => ({ label: uiLabel(c.label, lang) ?? '', href: href(i), answers: answers(renderElement(c, { ...ctx, data })) }));
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
  return views.some((v) => sendsFiles(v) || (v.children ? hasFile(v.children) : false) || (v.rows ?? []).some((r) => hasFile(r.children)));
}

function collectNames(views: FieldView[]): string[] {
  // Kept uploads are not editable by a file input, so their records keep travelling in hidden fields:
  // references by id only (no stored name), which the server checks against its own rows at submission.
  return views.flatMap((v) => (sendsFiles(v) ? [] : v.rows ? [v.name] : v.children ? collectNames(v.children) : v.name ? [v.name] : []));
}

function sendsFiles(view: FieldView): boolean {
  return widgetNamed(view.kind)?.sendsFiles === true;
}
