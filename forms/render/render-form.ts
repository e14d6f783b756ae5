import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { FieldError, JsonSchema } from '../validation/validate-form.ts';
import type { Lang } from '../validation/messages.ts';

/**
 * Server-side rendering of a JSON Schema form: labelled controls, fieldsets with legends for groups
 * and choices, help and errors tied with aria-describedby, an error summary linking to each field,
 * values kept after an error. Works without JavaScript. Every value goes through handlebars' escaping.
 */

const hbs = Handlebars.create();
const template = (name: string) => readFileSync(new URL(`./templates/${name}.hbs`, import.meta.url), 'utf8');
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hbs.registerPartial('field', template('field'));
const formTemplate = hbs.compile(template('form'), { strict: false });

const TEXT = {
  ro: { errorTitle: 'Există o problemă', submit: 'Trimite', requiredText: 'obligatoriu', chooseText: 'Alegeți' },
  en: { errorTitle: 'There is a problem', submit: 'Send', requiredText: 'required', chooseText: 'Choose' },
};

/** Radios for a few options, a select for many (GOV.UK guidance). */
const MAX_RADIOS = 5;

interface FieldView {
  kind: 'input' | 'textarea' | 'select' | 'choice' | 'checkbox' | 'group';
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

export function renderForm(schema: JsonSchema, options: RenderOptions = {}): string {
  const lang = options.lang ?? 'ro';
  const errors = options.errors ?? [];
  const ctx = { lang, errors: new Map(errors.map((e) => [e.pointer, e.message])) };
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const data = options.data ?? {};
  const fields = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([k, node]) => fieldView(node, k, [k], required.has(k), data[k], ctx));
  return formTemplate({
    action: options.action ?? '',
    csrfToken: options.csrfToken,
    fields,
    t: TEXT[lang],
    errors: errors.map((e) => ({ id: `f-${e.pointer.split('/').filter(Boolean).join('-')}`, message: e.message })),
  });
}
