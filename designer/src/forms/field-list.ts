/**
 * The field list view over a form's JSON Schema: what an analyst adds without writing JSON. Pure
 * functions on plain JSON, so Node tests cover them; the panel writes the result back as text.
 */

export type Json = Record<string, unknown>;

export const FIELD_TYPES = ['text', 'textarea', 'number', 'integer', 'boolean', 'date', 'email', 'phone', 'choice'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_TYPE_LABELS: Record<FieldType, { ro: string; en: string }> = {
  text: { ro: 'Text scurt', en: 'Text' },
  textarea: { ro: 'Text lung', en: 'Long text' },
  number: { ro: 'Număr', en: 'Number' },
  integer: { ro: 'Număr întreg', en: 'Whole number' },
  boolean: { ro: 'Da/Nu', en: 'Yes/No' },
  date: { ro: 'Dată calendaristică', en: 'Date' },
  email: { ro: 'Adresă de e-mail', en: 'Email address' },
  phone: { ro: 'Telefon', en: 'Phone' },
  choice: { ro: 'Alegere dintr-o listă', en: 'Choice' },
};

export interface FieldSpec {
  name: string;
  type: FieldType;
  label: { ro: string; en?: string };
  help?: { ro?: string; en?: string };
  required?: boolean;
  /** For choices, one per option: the stored value and its labels. */
  options?: Array<{ value: string; ro?: string; en?: string }>;
}

export interface FieldSummary {
  name: string;
  /** A FieldType, or "group", "list", "file" for what the list view does not create. */
  type: FieldType | 'group' | 'list' | 'file' | 'other';
  label: string;
  required: boolean;
}

/** A name usable as a property, an HTML id part and a FEEL variable: a letter, then letters, digits, _. */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** The schema a new form starts from. */
export function emptyFormSchema(title: string): Json {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title, type: 'object', additionalProperties: false, required: [], properties: {} };
}

export function fieldNode(spec: FieldSpec): Json {
  const node: Json = {};
  switch (spec.type) {
    case 'text': Object.assign(node, { type: 'string', maxLength: 200 }); break;
    case 'textarea': Object.assign(node, { type: 'string', maxLength: 10000, 'x-widget': 'textarea' }); break;
    case 'number': node.type = 'number'; break;
    case 'integer': node.type = 'integer'; break;
    case 'boolean': node.type = 'boolean'; break;
    case 'date': Object.assign(node, { type: 'string', format: 'date' }); break;
    case 'email': Object.assign(node, { type: 'string', format: 'email' }); break;
    case 'phone': Object.assign(node, { type: 'string', format: 'phone-ro' }); break;
    case 'choice': {
      const options = spec.options ?? [];
      node.type = 'string';
      if (options.some((o) => (o.ro && o.ro !== o.value) || o.en)) {
        node.oneOf = options.map((o) => ({ const: o.value, title: o.ro || o.value, ...(o.en ? { 'x-labels': { en: { title: o.en } } } : {}) }));
      } else {
        node.enum = options.map((o) => o.value);
      }
      break;
    }
  }
  node.title = spec.label.ro;
  if (spec.help?.ro) node.description = spec.help.ro;
  const en: Json = {};
  if (spec.label.en) en.title = spec.label.en;
  if (spec.help?.en) en.description = spec.help.en;
  if (Object.keys(en).length > 0) node['x-labels'] = { en };
  return node;
}

/** Problems with a field before it is added (empty when it can be). */
export function checkField(schema: Json, spec: FieldSpec, lang: 'ro' | 'en'): string[] {
  const problems: string[] = [];
  const t = (ro: string, en: string) => (lang === 'en' ? en : ro);
  if (!FIELD_NAME.test(spec.name)) problems.push(t('Numele câmpului începe cu o literă și are doar litere, cifre și _ (fără diacritice).', 'The field name starts with a letter and has only letters, digits and _.'));
  else if (Object.hasOwn(properties(schema), spec.name)) problems.push(t(`Există deja un câmp „${spec.name}”.`, `There is already a field "${spec.name}".`));
  if (!spec.label.ro.trim()) problems.push(t('Eticheta în română este obligatorie.', 'The Romanian label is required.'));
  if (spec.type === 'choice' && (spec.options ?? []).length < 2) problems.push(t('O alegere are cel puțin două opțiuni.', 'A choice needs at least two options.'));
  return problems;
}

/** The schema with the field appended (and in `required` when asked); the input is not changed. */
export function addField(schema: Json, spec: FieldSpec): Json {
  const next = structuredClone(schema);
  if (next.type === undefined) next.type = 'object';
  next.properties = { ...properties(next), [spec.name]: fieldNode(spec) };
  const required = Array.isArray(next.required) ? (next.required as unknown[]).filter((r) => r !== spec.name) : [];
  if (spec.required) required.push(spec.name);
  next.required = required;
  return next;
}

export function removeField(schema: Json, name: string): Json {
  const next = structuredClone(schema);
  const { [name]: _removed, ...rest } = properties(next);
  next.properties = rest;
  if (Array.isArray(next.required)) next.required = (next.required as unknown[]).filter((r) => r !== name);
  return next;
}

/** A UI schema that lists controls gets one for the new field too (else it would stay hidden). */
export function addFieldToUi(ui: Json | undefined, name: string): Json | undefined {
  if (!ui || !Array.isArray(ui.elements)) return ui;
  const next = structuredClone(ui);
  const control = { type: 'Control', scope: `#/properties/${name}` };
  const elements = next.elements as Json[];
  const last = elements.at(-1);
  if (next.type === 'Categorization' && last && Array.isArray(last.elements)) (last.elements as Json[]).push(control);
  else elements.push(control);
  return next;
}

export function removeFieldFromUi(ui: Json | undefined, name: string): Json | undefined {
  if (!ui) return ui;
  const scope = `#/properties/${name}`;
  const prune = (node: Json): Json => (Array.isArray(node.elements)
    ? { ...node, elements: (node.elements as Json[]).filter((e) => e.scope !== scope).map(prune) }
    : node);
  return prune(structuredClone(ui));
}

/** The top-level fields, in order, as the list view shows them. */
export function listFields(schema: Json, lang: 'ro' | 'en'): FieldSummary[] {
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(properties(schema)).map(([name, raw]) => {
    const node = (raw && typeof raw === 'object' ? raw : {}) as Json;
    const en = (node['x-labels'] as { en?: { title?: string } } | undefined)?.en?.title;
    const label = (lang === 'en' && en) || (typeof node.title === 'string' ? node.title : '') || name;
    return { name, type: fieldType(node), label, required: required.has(name) };
  });
}

export function fieldType(node: Json): FieldSummary['type'] {
  if (node['x-upload']) return 'file';
  if (Array.isArray(node.enum) || Array.isArray(node.oneOf)) return 'choice';
  switch (node.type) {
    case 'object': return 'group';
    case 'array': return 'list';
    case 'number': return 'number';
    case 'integer': return 'integer';
    case 'boolean': return 'boolean';
    case 'string':
      if (node.format === 'date') return 'date';
      if (node.format === 'email') return 'email';
      if (node.format === 'phone-ro') return 'phone';
      if (node['x-widget'] === 'textarea' || (typeof node.maxLength === 'number' && node.maxLength > 200)) return 'textarea';
      return 'text';
    default: return 'other';
  }
}

/** Options typed one per line: `value`, or `value | Etichetă | English label`. */
export function parseOptions(text: string): Array<{ value: string; ro?: string; en?: string }> {
  return text.split('\n').map((line) => line.split('|').map((part) => part.trim())).filter(([value]) => value).map(([value, ro, en]) => ({
    value: value!, ...(ro ? { ro } : {}), ...(en ? { en } : {}),
  }));
}

function properties(schema: Json): Record<string, unknown> {
  return schema.properties && typeof schema.properties === 'object' && !Array.isArray(schema.properties) ? (schema.properties as Record<string, unknown>) : {};
}
