/**
 * The form's layout without JSON: a single page listing the fields in schema order, or steps
 * (a JSON Forms Categorization of Categories), each field placed in one step. Pure functions on
 * plain JSON, so Node tests cover them; the panel writes the result back as UI schema text.
 */
import type { Json } from './field-list.ts';

export interface Step {
  ro: string;
  en: string;
}

export interface StepsModel {
  /** A Categorization (true) or a VerticalLayout (false). */
  multi: boolean;
  steps: Step[];
  /** Field name -> index into `steps`; a field not listed goes to the first step. */
  assign: Record<string, number>;
}

function defaultStep(index: number): Step {
  return { ro: `Pasul ${index + 1}`, en: `Step ${index + 1}` };
}

/** The field names, in schema order. */
function schemaFields(schema: Json): string[] {
  const p = schema.properties;
  return p && typeof p === 'object' && !Array.isArray(p) ? Object.keys(p) : [];
}

/** The top-level field a Control's scope points to ('#/properties/adresa/properties/x' -> 'adresa'). */
function scopeField(scope: unknown): string | undefined {
  if (typeof scope !== 'string') return undefined;
  const match = /^#\/properties\/([^/]+)/.exec(scope);
  return match?.[1];
}

function controlFields(node: Json): string[] {
  if (node.type === 'Control') {
    const field = scopeField(node.scope);
    return field ? [field] : [];
  }
  return Array.isArray(node.elements) ? (node.elements as Json[]).flatMap((e) => (e && typeof e === 'object' ? controlFields(e) : [])) : [];
}

/** Reads the UI schema into the steps editor; anything but a Categorization is a single page. */
export function readSteps(schema: Json, ui: Json | undefined): StepsModel {
  const fields = new Set(schemaFields(schema));
  if (!ui || ui.type !== 'Categorization' || !Array.isArray(ui.elements)) return { multi: false, steps: [], assign: Object.fromEntries([...fields].map((f) => [f, 0])) };
  const categories = (ui.elements as Json[]).filter((c) => c && typeof c === 'object' && c.type === 'Category');
  const steps: Step[] = [];
  const assign: Record<string, number> = {};
  categories.forEach((category, i) => {
    const label = category.label;
    const fallback = defaultStep(i);
    if (typeof label === 'string') steps.push({ ro: label, en: '' });
    else if (label && typeof label === 'object') {
      const l = label as { ro?: unknown; en?: unknown };
      steps.push({ ro: typeof l.ro === 'string' ? l.ro : '', en: typeof l.en === 'string' ? l.en : '' });
    } else steps.push({ ro: fallback.ro, en: fallback.en });
    for (const field of controlFields(category)) if (fields.has(field) && !(field in assign)) assign[field] = i;
  });
  if (steps.length === 0) steps.push(defaultStep(0));
  for (const field of fields) if (!(field in assign)) assign[field] = 0;
  return { multi: true, steps, assign };
}

/** The UI schema for the model: Categorization of Categories, or a VerticalLayout in schema order. */
export function writeSteps(schema: Json, model: StepsModel): Json {
  const fields = schemaFields(schema);
  const control = (name: string): Json => ({ type: 'Control', scope: `#/properties/${name}` });
  if (!model.multi) return { type: 'VerticalLayout', elements: fields.map(control) };
  const steps = model.steps.length > 0 ? model.steps : [defaultStep(0)];
  const stepOf = (name: string) => {
    const i = model.assign[name];
    return typeof i === 'number' && i >= 0 && i < steps.length ? i : 0;
  };
  return {
    type: 'Categorization',
    elements: steps.map((step, i) => {
      const ro = step.ro.trim() || defaultStep(i).ro;
      const en = step.en.trim();
      return { type: 'Category', label: { ro, ...(en ? { en } : {}) }, elements: fields.filter((f) => stepOf(f) === i).map(control) };
    }),
  };
}

/** Turns steps on (one step holding every field, unless there are steps already) or off. */
export function setMulti(model: StepsModel, multi: boolean): StepsModel {
  if (!multi) return { ...model, multi: false };
  return { multi: true, steps: model.steps.length > 0 ? model.steps : [defaultStep(0)], assign: { ...model.assign } };
}

export function addStep(model: StepsModel): StepsModel {
  return { ...model, steps: [...model.steps, defaultStep(model.steps.length)] };
}

/** Removes a step (never the last one); its fields go to the step before it (or the new first). */
export function removeStep(model: StepsModel, index: number): StepsModel {
  if (model.steps.length <= 1 || index < 0 || index >= model.steps.length) return model;
  const target = Math.max(0, index - 1);
  const assign = Object.fromEntries(Object.entries(model.assign).map(([f, i]) => [f, i === index ? target : i > index ? i - 1 : i]));
  return { ...model, steps: model.steps.filter((_, i) => i !== index), assign };
}

/** Moves a step up (-1) or down (+1); its fields go with it. */
export function moveStep(model: StepsModel, index: number, delta: -1 | 1): StepsModel {
  const other = index + delta;
  if (index < 0 || index >= model.steps.length || other < 0 || other >= model.steps.length) return model;
  const steps = [...model.steps];
  [steps[index], steps[other]] = [steps[other]!, steps[index]!];
  const assign = Object.fromEntries(Object.entries(model.assign).map(([f, i]) => [f, i === index ? other : i === other ? index : i]));
  return { ...model, steps, assign };
}

export function renameStep(model: StepsModel, index: number, lang: 'ro' | 'en', label: string): StepsModel {
  return { ...model, steps: model.steps.map((s, i) => (i === index ? { ...s, [lang]: label } : s)) };
}

export function assignField(model: StepsModel, field: string, index: number): StepsModel {
  return { ...model, assign: { ...model.assign, [field]: index } };
}

/**
 * Whether writing the model would drop something the UI schema has (groups, rules, options,
 * nested layouts, controls inside objects): the panel warns before the editor rewrites it.
 */
export function losesDetail(schema: Json, ui: Json | undefined): boolean {
  if (!ui) return false;
  const flat = (elements: unknown, fields: string[]) => Array.isArray(elements) && elements.every((e) => {
    if (!e || typeof e !== 'object') return false;
    const el = e as Json;
    return el.type === 'Control' && Object.keys(el).every((k) => k === 'type' || k === 'scope') && typeof el.scope === 'string'
      && fields.includes(el.scope.replace(/^#\/properties\//, ''));
  });
  const fields = schemaFields(schema);
  const keysOk = (node: Json, allowed: string[]) => Object.keys(node).every((k) => allowed.includes(k));
  if (ui.type === 'VerticalLayout') return !(keysOk(ui, ['type', 'elements']) && flat(ui.elements, fields));
  if (ui.type === 'Categorization') {
    return !(keysOk(ui, ['type', 'elements']) && Array.isArray(ui.elements) && (ui.elements as unknown[]).every((c) => c && typeof c === 'object'
      && (c as Json).type === 'Category' && keysOk(c as Json, ['type', 'label', 'elements']) && flat((c as Json).elements, fields)));
  }
  return true;
}
