/**
 * The field list view over a form's JSON Schema: what an analyst adds without writing JSON. Pure
 * functions on plain JSON, so Node tests cover them; the panel writes the result back as text.
 * The types come from the form widgets' registry (forms/widgets), the one the renderer uses.
 */
import { allWidgets, widgetFor, widgetNamed, type DesignerFieldSpec } from '../../../forms/widgets/index.ts';

export type Json = Record<string, unknown>;

/** A widget's name (forms/widgets): the field types the list shows and the "add a field" menu offers. */
export type FieldType = string;
export type FieldSpec = DesignerFieldSpec;

/** What the "add a field" menu offers: every widget that writes a schema for a new field, by rank. */
export function fieldTypes(): Array<{ type: FieldType; label: { ro: string; en: string }; takesOptions: boolean }> {
  return allWidgets()
    .filter((w) => w.designer?.node)
    .map((w) => ({ type: w.name, label: w.designer!.label, takesOptions: w.designer!.takesOptions === true, rank: w.designer!.rank ?? Infinity }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ rank: _rank, ...entry }) => entry);
}

/** A field type's name for people; a widget without one (group, list, file) is shown by its name. */
export function fieldTypeLabel(type: FieldType, lang: 'ro' | 'en'): string {
  return widgetNamed(type)?.designer?.label[lang] ?? type;
}

export function takesOptions(type: FieldType): boolean {
  return widgetNamed(type)?.designer?.takesOptions === true;
}

export interface FieldSummary {
  name: string;
  /** The widget that draws it, as the renderer chooses. */
  type: FieldType;
  label: string;
  required: boolean;
}

/** A name usable as a property, an HTML id part and a FEEL variable: a letter, then letters, digits, _. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** The schema a new form starts from. */
export function emptyFormSchema(title: string): Json {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title, type: 'object', additionalProperties: false, required: [], properties: {} };
}

/** The field's schema: its widget's keywords, then the labels and hints in both languages. */
function fieldNode(spec: FieldSpec): Json {
  const node: Json = { ...(widgetNamed(spec.type)?.designer?.node?.(spec) ?? {}) };
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
  const designer = widgetNamed(spec.type)?.designer;
  if (!designer?.node) problems.push(t(`Nu există tipul de câmp „${spec.type}”.`, `There is no field type "${spec.type}".`));
  else for (const problem of designer.check?.(spec) ?? []) problems.push(problem[lang]);
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

/** The widget the renderer draws a node with (the registry's first match). */
function fieldType(node: Json): FieldType {
  return widgetFor(node).name;
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
