import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Definition, type EmbeddedForm, AppError, type Problem } from '../../engine/index.ts';
import { checkFormSchema, embeddedFormSchema, type JsonSchema } from '../../forms/index.ts';
import { templateProblems } from '../documents/render-document.ts';
import type { UiElement } from '../../forms/render/ui-schema.ts';
import { dateTextComparisons } from './date-conditions.ts';

/** Bilingual text: Romanian first, English beside it. */
export interface Text { ro: string; en: string }

/** Catalogue data of a procedure (procedure.json), shown to citizens before they apply. */
export interface ProcedureMeta {
  title: Text;
  summary?: Text;
  legalBasis?: string;
  legalTerm?: Text;
  fee?: { amount: number; currency: string } | null;
  documents?: Text[];
  /** The register incoming requests are numbered in (default "intrari"). */
  register: string;
  /** The citizen's form (forms/<name>.schema.json); default "cerere". */
  requestForm: string;
  /** Template issued as the answer, and the task whose completion issues it. */
  answerTemplate?: string;
  answerTask?: string;
  /**
   * false where the law extends the term on an incomplete file instead of suspending it (OUG 27/2003
   * art. 6 alin. (4), (5)): a clerk's request for completion then leaves the legal clock running.
   */
  completionSuspendsTerm?: boolean;
  /** Other documents issued on the way (a notice, a refusal): task id -> template and title. */
  taskDocuments?: Record<string, { template: string; title?: Text }>;
  /**
   * What the citizen is told when the request ends at an end event (its id): `{variable}` is filled
   * from the request, e.g. where a petition was sent (OG 27/2002 art. 6 alin. (2)).
   */
  outcomes?: Record<string, Text>;
  [extra: string]: unknown;
}

export interface FormPair { schema: JsonSchema; uiSchema?: UiElement }

/** A procedure as analysts ship it: the model, its forms, its document templates, its catalogue data. */
export interface ProcedurePackage {
  xml: string;
  meta: ProcedureMeta;
  forms: Record<string, FormPair>;
  templates: Record<string, string>;
  /** DMN files (name without .dmn -> XML) deployed with the model; its business-rule tasks may call them. */
  decisions?: Record<string, string>;
  /** Camunda Modeler's form files (forms/<file>.form, form-js JSON) that tasks link by the form's id. */
  linkedForms?: Record<string, unknown>;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A name a package's own form file may have (forms a model carries may be named otherwise). */
export function isFormName(name: string): boolean {
  return NAME.test(name);
}

/** Reads procedures/<name>/: one .bpmn, *.dmn, procedure.json, forms/*.schema.json (+ .ui.json) and *.form, templates/*.hbs. */
export async function readPackage(dir: string): Promise<ProcedurePackage> {
  const files = await readdir(dir);
  const models = files.filter((f) => f.endsWith('.bpmn'));
  if (models.length !== 1) throw new AppError('bad-input', `${dir} must hold exactly one .bpmn model (found ${models.length})`);
  const xml = await readFile(join(dir, models[0]!), 'utf8');
  const meta = files.includes('procedure.json') ? await readJson(join(dir, 'procedure.json')) : {};
  const forms: Record<string, FormPair> = {};
  for (const file of (await readdir(join(dir, 'forms')).catch(() => [] as string[])).sort()) {
    if (!file.endsWith('.schema.json')) continue;
    const name = basename(file, '.schema.json');
    const ui = join(dir, 'forms', `${name}.ui.json`);
    forms[name] = { schema: (await readJson(join(dir, 'forms', file))) as JsonSchema, ...(await exists(ui) ? { uiSchema: (await readJson(ui)) as UiElement } : {}) };
  }
  const templates: Record<string, string> = {};
  for (const file of (await readdir(join(dir, 'templates')).catch(() => [] as string[])).sort()) {
    if (file.endsWith('.hbs')) templates[basename(file, '.hbs')] = await readFile(join(dir, 'templates', file), 'utf8');
  }
  const linkedForms: Record<string, unknown> = {};
  for (const file of (await readdir(join(dir, 'forms')).catch(() => [] as string[])).sort()) {
    if (file.endsWith('.form')) linkedForms[file] = await readJson(join(dir, 'forms', file));
  }
  const decisions: Record<string, string> = {};
  for (const file of files.filter((f) => f.endsWith('.dmn')).sort()) decisions[basename(file, '.dmn')] = await readFile(join(dir, file), 'utf8');
  return { xml, meta: normaliseMeta(meta), forms, templates, ...(Object.keys(decisions).length > 0 ? { decisions } : {}), ...(Object.keys(linkedForms).length > 0 ? { linkedForms } : {}) };
}

/**
 * The form file a task links (Camunda 8's zeebe:formDefinition formId, Camunda 7's
 * camunda:formRef): the one whose id is the key, or, for Camunda 7's
 * `camunda-forms:deployment:aviz.form`, the file of that name.
 */
function linkedForm(pkg: Pick<ProcedurePackage, 'linkedForms'>, formKey: string): unknown {
  const files = pkg.linkedForms ?? {};
  const file = formKey.replace(/^camunda-forms:deployment:/, '');
  return files[file] ?? Object.values(files).find((form) => (form as { id?: unknown } | null)?.id === formKey);
}

/** Fills defaults; a package without procedure.json still deploys, titled by its process name. */
export function normaliseMeta(raw: unknown, fallbackTitle = ''): ProcedureMeta {
  const meta = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Partial<ProcedureMeta>;
  const given = meta.title && typeof meta.title === 'object' && typeof meta.title.ro === 'string' && meta.title.ro.trim() !== '';
  const title = given ? { ro: meta.title!.ro, en: meta.title!.en || meta.title!.ro } : { ro: fallbackTitle, en: fallbackTitle };
  return { ...meta, title, register: typeof meta.register === 'string' ? meta.register : 'intrari', requestForm: typeof meta.requestForm === 'string' ? meta.requestForm : 'cerere' };
}

/**
 * The forms the models carry (Camunda 7 generated forms, Camunda 8 embedded forms) as our forms:
 * a task's by its form key, titled by the task; the start event's as the request form (meta's
 * `requestForm`), titled by the process. What cannot be converted is a problem on its element. A
 * form the package ships under the same name wins over the model's.
 */
function embeddedForms(definitions: Definition[], pkg: Pick<ProcedurePackage, 'forms' | 'meta' | 'linkedForms'>): { forms: Record<string, FormPair>; problems: Problem[] } {
  const forms: Record<string, FormPair> = {};
  const problems: Problem[] = [];
  const convert = (name: string, form: EmbeddedForm, title: string, elementId: string, owner: string) => {
    const converted = embeddedFormSchema(form, title);
    for (const message of converted.problems) problems.push({ code: 'form-unsupported', elementId, message: `The form of ${owner}: ${message}` });
    for (const p of checkFormSchema(converted.schema)) problems.push({ ...p, code: 'form-unsupported', elementId, message: `The form of ${owner}: ${p.message}` });
    forms[name] = { schema: converted.schema, ...(converted.uiSchema ? { uiSchema: converted.uiSchema } : {}) };
  };
  for (const definition of definitions) {
    const start = definition.startEvents.find((id) => definition.elements[id]?.event?.kind === 'none');
    for (const [key, form] of Object.entries(definition.forms ?? {})) {
      const isStart = key === definition.startForm;
      const name = isStart ? pkg.meta.requestForm : key;
      if (pkg.forms[name]) continue;
      const task = isStart ? undefined : Object.values(definition.elements).find((el) => el.task?.formKey === key);
      const elementId = isStart ? (start ?? key) : (task?.id ?? key);
      convert(name, form, (isStart ? definition.name : task?.name) ?? key, elementId, `${isStart ? 'the start event' : 'task'} ${elementId}`);
    }
    // Forms linked by id from a form file of the package (Camunda Modeler's .form): the start event's is the request's.
    const link = (name: string, ref: string | undefined, title: string, elementId: string, owner: string) => {
      if (!ref || pkg.forms[name] || forms[name] || definition.forms?.[ref]) return;
      const form = linkedForm(pkg, ref);
      if (form !== undefined) convert(name, { kind: 'camunda-form', form }, title, elementId, owner);
    };
    const startId = start ?? pkg.meta.requestForm;
    link(pkg.meta.requestForm, definition.startFormRef, definition.name ?? pkg.meta.requestForm, startId, `the start event ${startId}`);
    for (const el of Object.values(definition.elements)) link(el.task?.formKey ?? '', el.task?.formKey, el.name ?? el.id, el.id, `task ${el.id}`);
  }
  return { forms, problems };
}

/** The package's forms with those its models carry, the package's own winning. */
export function withEmbeddedForms(pkg: ProcedurePackage, definitions: Definition[]): Record<string, FormPair> {
  return { ...embeddedForms(definitions, pkg).forms, ...pkg.forms };
}

/**
 * Everything wrong with a package beside its model: forms that do not compile (with the ajv message
 * and pointer), task forms the model names but the package lacks, templates that do not compile.
 */
export function checkPackage(pkg: ProcedurePackage, definitions: Definition[]): Problem[] {
  const problems: Problem[] = [];
  // The keys of forms a model carries or links are its own (camunda-forms:bpmn:form1, Form_0ab1c2d): the designer sends them back as they are.
  const carried = new Set(definitions.flatMap((d) => [...Object.keys(d.forms ?? {}), ...Object.values(d.elements).flatMap((el) => (el.task?.formKey ? [el.task.formKey] : []))]));
  for (const [name, form] of Object.entries(pkg.forms)) {
    if (!isFormName(name) && !carried.has(name)) problems.push({ code: 'form-invalid', elementId: name, message: `Form name "${name}" must be lower-case letters, digits and dashes` });
    for (const p of checkFormSchema(form.schema)) problems.push({ ...p, message: `forms/${name}.schema.json${p.elementId ? ` at ${p.elementId}` : ''}: ${p.message}` });
  }
  const hasForms = Object.keys(pkg.forms).length > 0 || Object.keys(pkg.linkedForms ?? {}).length > 0;
  if (hasForms && !pkg.forms[pkg.meta.requestForm] && !definitions.some((d) => d.startForm || (d.startFormRef && linkedForm(pkg, d.startFormRef) !== undefined))) {
    problems.push({ code: 'form-missing', elementId: '', message: `The citizen form forms/${pkg.meta.requestForm}.schema.json is missing` });
  }
  // A bare model (no forms at all) may leave its task forms to another task list.
  for (const definition of hasForms ? definitions : []) {
    for (const [id, element] of Object.entries(definition.elements)) {
      const formKey = element.task?.formKey;
      if (formKey && !pkg.forms[formKey] && !definition.forms?.[formKey] && linkedForm(pkg, formKey) === undefined) problems.push({ code: 'form-missing', elementId: id, message: `Task ${id} names the form "${formKey}", but neither forms/${formKey}.schema.json nor a .form file with that id is in the procedure` });
    }
  }
  const carriedForms = embeddedForms(definitions, pkg);
  problems.push(...carriedForms.problems);
  problems.push(...dateTextComparisons(definitions, [...Object.values(pkg.forms), ...Object.values(carriedForms.forms)].map((f) => f.schema)));
  for (const [name, text] of Object.entries(pkg.templates)) {
    for (const message of templateProblems(text)) problems.push({ code: 'template-invalid', elementId: name, message: `templates/${name}.hbs ${message}` });
  }
  // Every legal term shown to citizens cites its source.
  const term = pkg.meta.legalTerm as Partial<Text> | undefined;
  const termText = term && typeof term === 'object' ? `${term.ro ?? ''}${term.en ?? ''}`.trim() : '';
  if (termText !== '' && !(typeof pkg.meta.legalBasis === 'string' && pkg.meta.legalBasis.trim() !== '')) {
    problems.push({ code: 'meta-invalid', elementId: '', message: 'The catalogue data gives a legal term but no legal basis (meta.legalBasis): every legal term shown to citizens cites its source' });
  }
  if (pkg.meta.answerTemplate && !pkg.templates[pkg.meta.answerTemplate]) {
    problems.push({ code: 'template-missing', elementId: pkg.meta.answerTask ?? '', message: `The answer template templates/${pkg.meta.answerTemplate}.hbs is missing` });
  }
  for (const [taskId, doc] of Object.entries(pkg.meta.taskDocuments ?? {})) {
    if (!pkg.templates[doc.template]) problems.push({ code: 'template-missing', elementId: taskId, message: `The template templates/${doc.template}.hbs that task ${taskId} issues is missing` });
  }
  return problems;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new AppError('bad-input', `${file} is not valid JSON: ${(err as Error).message}`);
  }
}

async function exists(file: string): Promise<boolean> {
  return readFile(file).then(() => true, () => false);
}
