import type { EmbeddedForm, TaskDef } from './definition.ts';
import { extension, extensions, labelOf, list, str, type El, type ReadContext } from './read-attributes.ts';

/**
 * Task forms that models carry inside them, kept as plain data for the application to turn into
 * its own forms: Camunda 7's generated forms (`camunda:formData` fields) and Camunda 8's embedded
 * Camunda Forms (`zeebe:userTaskForm` on the process, named by `camunda-forms:bpmn:<id>`).
 */

const CAMUNDA8_EMBEDDED = 'camunda-forms:bpmn:';

/** The process's embedded Camunda Forms by id (their JSON text). */
export function embeddedCamundaForms(process: El): Map<string, string> {
  const forms = new Map<string, string>();
  for (const form of extensions(process, 'zeebe:UserTaskForm')) {
    const id = str(form.id);
    const body = str(form.body);
    if (id && body) forms.set(id, body);
  }
  return forms;
}

/**
 * The form a task or start event names: Dosar's and Camunda 7's form key, Camunda 8's
 * zeebe:formDefinition (an embedded form's key or a linked form's id), or Camunda 7.16's
 * camunda:formRef (a linked Camunda Form).
 */
export function formKeyOf(item: El, ctx: ReadContext): string | undefined {
  const zeebeForm = extension(item, 'zeebe:FormDefinition');
  return ctx.attr(item, 'dosar:formKey') ?? ctx.attr(item, 'camunda:formKey') ?? str(zeebeForm?.formKey ?? zeebeForm?.formId) ?? ctx.attr(item, 'camunda:formRef');
}

/**
 * The form a process's start event carries (Camunda 7 `camunda:formData` or `camunda:formKey`,
 * Camunda 8 `zeebe:formDefinition`), if it is one the model holds: the form a request starts with.
 */
export function readStartForm(item: El, camundaForms: Map<string, string>, ctx: ReadContext): { key: string; form: EmbeddedForm } | undefined {
  const formKey = formKeyOf(item, ctx);
  const holder: TaskDef = formKey ? { formKey } : {};
  const form = readEmbeddedForm(item, holder, camundaForms, ctx);
  return form ? { key: holder.formKey!, form } : undefined;
}

/**
 * The form a user task carries, if any: sets the task's form key (Camunda 7's generated form gets
 * the task's id; a formKey the model gives wins, as in Camunda 7) and returns the form to keep.
 */
export function readEmbeddedForm(item: El, task: TaskDef, camundaForms: Map<string, string>, ctx: ReadContext): EmbeddedForm | undefined {
  const id = item.id!;
  if (task.formKey?.startsWith(CAMUNDA8_EMBEDDED)) {
    const text = camundaForms.get(task.formKey.slice(CAMUNDA8_EMBEDDED.length));
    if (text === undefined) {
      ctx.report('form-missing', id, `Task ${labelOf(item)} names the embedded form "${task.formKey}", which the process does not hold (zeebe:userTaskForm)`);
      return undefined;
    }
    try {
      return { kind: 'camunda-form', form: JSON.parse(text) as unknown };
    } catch (err) {
      ctx.report('form-invalid', id, `The embedded form of ${labelOf(item)} is not JSON: ${(err as Error).message}`);
      return undefined;
    }
  }
  const formData = extension(item, 'camunda:FormData');
  if (!formData || task.formKey) return undefined;
  const fields = list(formData.fields).map((field) => ({
    id: str(field.id) ?? '',
    ...(str(field.label) ? { label: str(field.label)! } : {}),
    type: str(field.type) ?? 'string',
    ...(str(field.defaultValue) !== undefined ? { defaultValue: str(field.defaultValue)! } : {}),
    ...(list(field.values).length > 0 ? { values: list(field.values).map((v) => ({ id: str(v.id) ?? '', name: str(v.name) ?? str(v.id) ?? '' })) } : {}),
    constraints: list((field.validation as El | undefined)?.constraints).map((c) => ({ name: str(c.name) ?? '', ...(str(c.config) !== undefined ? { config: str(c.config)! } : {}) })),
  }));
  if (fields.length === 0) return undefined;
  task.formKey = id;
  return { kind: 'camunda7-fields', fields };
}
