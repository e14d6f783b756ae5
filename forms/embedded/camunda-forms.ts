import type { Camunda7Field, EmbeddedForm } from '../../engine/index.ts';
import type { JsonSchema } from '../validation/validate-form.ts';
import type { UiElement, UiRule } from '../render/ui-schema.ts';

/**
 * The task forms a model carries, as JSON Schema forms: Camunda 7's generated form fields and
 * Camunda 8's embedded Camunda Forms (form-js). What a form asks of the engine that our forms cannot
 * do (a Java validator, computed fields, options fetched at run time, files) is a problem, never
 * dropped: the deploy lists it. Layout-only components (text, spacers, images, buttons) carry no
 * data and are left out.
 */

type Schema = JsonSchema & { properties?: Record<string, JsonSchema>; required?: string[] };

/** The form as JSON Schema, and a UI schema when fields hide under conditions. */
export interface ConvertedForm { schema: JsonSchema; uiSchema?: UiElement; problems: string[] }

export function embeddedFormSchema(form: EmbeddedForm, title: string): ConvertedForm {
  const schema: Schema = { type: 'object', title, properties: {} };
  const problems: string[] = [];
  const rules: Record<string, UiRule> = {};
  if (form.kind === 'camunda7-fields') for (const field of form.fields) camunda7Field(schema, field, problems);
  else camundaFormComponents(schema, componentsOf(form.form), problems, [], rules);
  if (Object.keys(rules).length > 0) {
    const elements = Object.keys(schema.properties ?? {}).map((key): UiElement => ({ type: 'Control', scope: `#/properties/${key}`, ...(rules[key] ? { rule: rules[key] } : {}) }));
    return { schema, uiSchema: { type: 'VerticalLayout', elements }, problems };
  }
  return { schema, problems };
}

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function camunda7Field(schema: Schema, field: Camunda7Field, problems: string[]): void {
  if (!VARIABLE.test(field.id)) {
    problems.push(`form field "${field.id}" is not a variable name`);
    return;
  }
  const own: Schema = { ...(field.label ? { title: field.label } : { title: field.id }) };
  switch (field.type) {
    case 'string': own.type = 'string'; break;
    case 'long': own.type = 'integer'; break;
    case 'double': own.type = 'number'; break;
    case 'boolean': own.type = 'boolean'; break;
    case 'date': Object.assign(own, { type: 'string', format: 'date' }); break;
    case 'enum': Object.assign(own, { type: 'string', oneOf: (field.values ?? []).map((v) => ({ const: v.id, title: v.name })) }); break;
    default:
      problems.push(`form field "${field.id}" has the type "${field.type}"; Dosar's forms take string, long, double, boolean, date and enum`);
      return;
  }
  if (field.defaultValue !== undefined) own.default = typed(field.defaultValue, field.type);
  let required = false;
  for (const c of field.constraints) {
    const limit = Number(c.config);
    if (c.name === 'required') required = true;
    else if (c.name === 'readonly') own.readOnly = true;
    else if (c.name === 'minlength' && Number.isInteger(limit)) own.minLength = limit;
    else if (c.name === 'maxlength' && Number.isInteger(limit)) own.maxLength = limit;
    else if (c.name === 'min' && Number.isFinite(limit)) own.minimum = limit;
    else if (c.name === 'max' && Number.isFinite(limit)) own.maximum = limit;
    else problems.push(`form field "${field.id}" has the constraint "${c.name}${c.config !== undefined ? `: ${c.config}` : ''}", which Dosar's forms cannot check (no code from a model runs on the server)`);
  }
  put(schema, [field.id], own, required);
}

function typed(value: string, type: string): unknown {
  if (type === 'long' || type === 'double') return Number(value);
  if (type === 'boolean') return value === 'true';
  return value;
}

interface Component {
  type?: string;
  key?: string;
  path?: string;
  label?: string;
  /** A datetime's labels (form-js names them apart). */
  dateLabel?: string;
  timeLabel?: string;
  description?: string;
  defaultValue?: unknown;
  readonly?: unknown;
  disabled?: unknown;
  subtype?: string;
  decimalDigits?: number;
  values?: Array<{ label?: string; value?: unknown }>;
  valuesKey?: string;
  valuesExpression?: string;
  validate?: { required?: boolean; minLength?: number; maxLength?: number; min?: number; max?: number; pattern?: string; validationType?: string };
  /** form-js hides the component while this FEEL holds. */
  conditional?: { hide?: unknown };
  components?: unknown;
}

function componentsOf(value: unknown): Component[] {
  const components = (value as { components?: unknown } | null)?.components;
  return Array.isArray(components) ? components.filter((c): c is Component => typeof c === 'object' && c !== null) : [];
}

/** Components that show something and hold no data. */
const LAYOUT = new Set(['text', 'html', 'spacer', 'separator', 'image', 'button', 'iframe', 'documentPreview']);

function camundaFormComponents(schema: Schema, components: Component[], problems: string[], prefix: string[] = [], rules?: Record<string, UiRule>): void {
  for (const c of components) {
    const type = c.type ?? '';
    if (LAYOUT.has(type)) continue;
    if (type === 'group') {
      const path = [...prefix, ...pathOf(c.path)];
      // A group with a path is an object of its own, shown under the group's label.
      if (c.path && c.label && path.every((p) => VARIABLE.test(p))) put(schema, path, { type: 'object', title: c.label, properties: {} }, false);
      camundaFormComponents(schema, componentsOf(c), problems, path, rules);
      continue;
    }
    const key = type === 'dynamiclist' ? c.path : c.key;
    const path = [...prefix, ...pathOf(key)];
    if (path.length === prefix.length || !path.every((p) => VARIABLE.test(p))) {
      problems.push(`the ${type || 'untyped'} component "${c.label ?? key ?? ''}" has no key that is a variable name`);
      continue;
    }
    const own = componentSchema(c, type, path.join('.'), problems);
    if (!own) continue;
    const hideText = typeof c.conditional?.hide === 'string' ? c.conditional.hide.trim() : undefined;
    const hide = hideText ? readHide(hideText) : undefined;
    // A top-level field hides as form-js hides it; a required one is required only while shown.
    if (hide && path.length === 1 && rules) rules[path[0]!] = hide.rule;
    if (hideText && c.validate?.required === true) {
      if (!hide || path.length !== 1) {
        problems.push(`the ${type} "${path.join('.')}" is required and hidden when ${hideText}; Dosar reads such a condition on a top-level field as =tip = "firma", =tip != "firma", =acord or =not(acord)`);
        continue;
      }
      schema.allOf = [...((schema.allOf as Schema[] | undefined) ?? []), { if: hide.hidden, else: { required: [path[0]!] } }];
      put(schema, path, own, false);
      continue;
    }
    put(schema, path, own, c.validate?.required === true);
  }
}

const HIDE = /^=?\s*(?:not\(\s*([A-Za-z_]\w*)\s*\)|([A-Za-z_]\w*)(?:\s*(!=|=)\s*("(?:[^"\\]|\\.)*"|true|false|-?\d+(?:\.\d+)?))?)\s*$/;

/**
 * A form-js hide condition (`=tip = "firma"`, `=tip != "firma"`, `=acord`, `=not(acord)`) as the
 * JSON Schema that holds while it hides, and as the UI rule that hides the field. An unanswered
 * field is no match, and a box left unticked is not ticked: `=not(acord)` hides until it is.
 */
function readHide(text: string): { hidden: Schema; rule: UiRule } | undefined {
  const m = HIDE.exec(text);
  if (!m) return undefined;
  const [, negated, name, operator, literal] = m;
  const variable = (negated ?? name)!;
  const value = negated || literal === undefined ? true : JSON.parse(literal) as unknown;
  const is: Schema = { properties: { [variable]: { const: value } }, required: [variable] };
  const condition = { scope: `#/properties/${variable}`, schema: { const: value } };
  return operator === '!=' || negated
    ? { hidden: { not: is }, rule: { effect: 'SHOW', condition } }
    : { hidden: is, rule: { effect: 'HIDE', condition } };
}

function componentSchema(c: Component, type: string, name: string, problems: string[]): Schema | undefined {
  const own: Schema = { title: c.label ?? c.dateLabel ?? c.timeLabel ?? name, ...(c.description ? { description: c.description } : {}) };
  if (c.readonly === true || c.disabled === true) own.readOnly = true;
  const v = c.validate ?? {};
  const options = () => {
    if (c.valuesKey !== undefined || c.valuesExpression !== undefined || !Array.isArray(c.values)) {
      problems.push(`the ${type} "${name}" takes its options at run time (valuesKey, valuesExpression); write them in the form`);
      return undefined;
    }
    return c.values.map((o) => ({ const: o.value, title: o.label ?? String(o.value) }));
  };
  switch (type) {
    case 'textfield':
    case 'textarea':
      own.type = 'string';
      if (type === 'textarea') own['x-widget'] = 'textarea';
      if (v.minLength !== undefined) own.minLength = v.minLength;
      if (v.maxLength !== undefined) own.maxLength = v.maxLength;
      if (v.pattern !== undefined) own.pattern = v.pattern;
      if (v.validationType === 'email') own.format = 'email';
      if (v.required) own.minLength = Math.max(Number(own.minLength ?? 0), 1);
      break;
    case 'number':
      own.type = c.decimalDigits === 0 ? 'integer' : 'number';
      if (v.min !== undefined) own.minimum = v.min;
      if (v.max !== undefined) own.maximum = v.max;
      break;
    case 'checkbox':
      own.type = 'boolean';
      break;
    case 'radio':
    case 'select': {
      const oneOf = options();
      if (!oneOf) return undefined;
      own.oneOf = oneOf;
      break;
    }
    case 'datetime':
      Object.assign(own, { type: 'string', format: c.subtype === 'datetime' ? 'date-time' : c.subtype === 'time' ? 'time' : 'date' });
      break;
    case 'dynamiclist': {
      const item: Schema = { type: 'object', properties: {} };
      camundaFormComponents(item, componentsOf(c), problems);
      Object.assign(own, { type: 'array', items: item });
      break;
    }
    case 'checklist':
    case 'taglist': {
      const oneOf = options();
      if (!oneOf) return undefined;
      Object.assign(own, { type: 'array', uniqueItems: true, items: { oneOf } });
      if (v.required) own.minItems = 1;
      break;
    }
    default:
      problems.push(`the ${type || 'untyped'} component "${name}" is not one Dosar's forms have (text fields, text areas, numbers, checkboxes, radios, selects, checklists, tag lists, dates, groups and lists are)`);
      return undefined;
  }
  if (c.defaultValue !== undefined) own.default = c.defaultValue;
  return own;
}

function pathOf(key: string | undefined): string[] {
  return key ? key.split('.') : [];
}

/** Puts a property at a dotted path, making the objects on the way. */
function put(schema: Schema, path: string[], own: Schema, required: boolean): void {
  let at = schema;
  for (const part of path.slice(0, -1)) {
    at.properties ??= {};
    at = (at.properties[part] ??= { type: 'object', properties: {} }) as Schema;
  }
  const last = path[path.length - 1]!;
  at.properties ??= {};
  const existing = at.properties[last] as Schema | undefined;
  at.properties[last] = existing?.type === 'object' && own.type === 'object' ? { ...own, ...existing, properties: { ...own.properties, ...existing.properties } } : own;
  if (required) at.required = [...(at.required ?? []), last];
}
