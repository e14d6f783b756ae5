import { type InstanceView, AppError, createEnginePort } from '../../engine/index.ts';
import { validateForm, type Lang } from '../../forms/index.ts';
import { findUserById, type User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { prepareDocument, registerDocument, renderPdfInBackground, type IssuedDocument } from '../documents/issue-document.ts';
import { jsonFormData } from '../http/json-form-data.ts';
import { notifyInBackground } from '../notifications/notify.ts';
import { findPackage, type StoredPackage } from '../procedures/catalogue.ts';
import type { Text } from '../procedures/package.ts';
import { findRequestByInstance } from '../requests/request-view.ts';
import { closingEnd, outcomeText } from './outcome.ts';
import { requireActionableTask, type QueueTask } from './queue.ts';

/** The task's own form (by its formKey in the procedure package), if it has one, and the instance it was read from. */
export async function taskForm(ctx: AppContext, task: QueueTask): Promise<{ instance: InstanceView; pkg?: StoredPackage; form?: StoredPackage['forms'][string] }> {
  const instance = await ctx.engine.getInstance(task.instanceId);
  const pkg = await findPackage(ctx.db, instance.key, instance.version);
  return { instance, ...(pkg ? { pkg } : {}), ...(pkg && task.formKey && pkg.forms[task.formKey] ? { form: pkg.forms[task.formKey] } : {}) };
}

/**
 * A clerk's decision: the task form's data, validated, completes the task; when the procedure says
 * this task issues its answer, the document is registered and stored in the same transaction
 * (rendered before it, numbered last in it, its PDF printed after it).
 */
export async function decideTask(ctx: AppContext, user: User, taskId: string, posted: unknown, lang: Lang): Promise<{ instanceId: string; document?: IssuedDocument }> {
  const task = await requireActionableTask(ctx, user, taskId);
  if (task.assignee && task.assignee !== user.email && user.role !== 'admin') {
    throw new AppError('conflict', { ro: `Sarcina este preluată de ${task.assignee}.`, en: `The task is claimed by ${task.assignee}.` });
  }
  const { instance, pkg, form } = await taskForm(ctx, task);
  // A JSON client sends the form data as it is, or as { data: {...} }; a page's post is read by its form, so never wrapped.
  const data = jsonFormData(posted, form?.schema);
  let variables: Record<string, unknown> = (data ?? {}) as Record<string, unknown>;
  if (form) {
    const result = validateForm(form.schema, data ?? {}, { id: `${pkg!.key}/${task.formKey}`, version: pkg!.version, lang });
    if (!result.valid) throw new AppError('form-invalid', { ro: 'Decizia are câmpuri de corectat.', en: 'Some fields need correcting.' }, { details: result.errors });
    variables = result.data;
  }
  const request = await findRequestByInstance(ctx, task.instanceId);
  const issued = request && pkg ? documentOf(pkg, task.elementId) : undefined;
  const before = issued ? instance.variables : {};
  // Rendered before the transaction, numbered last in it, printed to PDF after it: the outgoing
  // register's counter row is locked only for the numbering and the commit (issue-document.ts).
  const prepared = issued
    ? prepareDocument(ctx, { request: request!, pkg: pkg!, templateName: issued.template, ...(issued.title ? { title: issued.title } : {}), variables: { ...before, ...variables }, elementId: task.elementId })
    : undefined;
  const closes = await closingOf(ctx, instance, task.elementId, variables);
  const result = await ctx.db.transaction(async (tx) => {
    const done = await ctx.engine.completeTask(taskId, variables, createEnginePort(tx));
    const document = prepared ? await registerDocument(ctx, tx, prepared) : undefined;
    return { instanceId: done.instanceId, ...(document ? { document } : {}) };
  });
  if (result.document) renderPdfInBackground(ctx, result.document.id);
  if (result.document && request?.citizenId) {
    const citizen = await findUserById(ctx.db, request.citizenId);
    if (citizen) {
      notifyInBackground(ctx, { to: citizen.email, template: 'decision-issued', lang: request.lang, data: {
        registrationNumber: request.registrationNumber, answerNumber: result.document.registrationNumber, documentUrl: `${ctx.config.publicUrl}/cereri/${request.id}`,
      } });
    }
  }
  // A request closed without a document is still explained to its citizen (e.g. where a petition went).
  const told = closes && request?.citizenId && !result.document ? outcomeText(pkg?.meta.outcomes, closes.id, { ...instance.variables, ...variables }, request.lang) : undefined;
  if (told) {
    const citizen = await findUserById(ctx.db, request!.citizenId!);
    if (citizen) notifyInBackground(ctx, { to: citizen.email, template: 'request-closed', lang: request!.lang, data: { registrationNumber: request!.registrationNumber, outcome: told, statusUrl: `${ctx.config.publicUrl}/cereri/${request!.id}` } });
  }
  return result;
}

/** The end event this decision leads to at once, if it closes the request (outcome.ts). */
async function closingOf(ctx: AppContext, instance: InstanceView, elementId: string, variables: Record<string, unknown>): Promise<{ id: string; name?: string } | undefined> {
  const deployed = await ctx.engine.findDefinition(instance.key, instance.version);
  const end = closingEnd(deployed.definition, elementId, instance.active, { ...instance.variables, ...variables }, ctx.engine.clock.now());
  return end ? { id: end.id, ...(end.name ? { name: end.name } : {}) } : undefined;
}

/**
 * What the clerk is told before sending a decision that closes the request: the end it reaches and
 * what the citizen will read. Undefined when the decision does not close it, when it issues the
 * request's document (the ordinary end), or when its form is not valid yet (its errors come first).
 */
export async function closingWarning(ctx: AppContext, task: QueueTask, data: unknown, lang: Lang): Promise<{ end: string; outcome?: string } | undefined> {
  const { instance, pkg, form } = await taskForm(ctx, task);
  // Issuing the answer is how a request is meant to end: that step needs no warning.
  if (pkg && documentOf(pkg, task.elementId)) return undefined;
  let variables = (data ?? {}) as Record<string, unknown>;
  if (form) {
    const result = validateForm(form.schema, data ?? {}, { id: `${pkg!.key}/${task.formKey}`, version: pkg!.version, lang });
    if (!result.valid) return undefined;
    variables = result.data;
  }
  const closes = await closingOf(ctx, instance, task.elementId, variables);
  if (!closes) return undefined;
  const outcome = outcomeText(pkg?.meta.outcomes, closes.id, { ...instance.variables, ...variables }, lang);
  return { end: closes.name ?? closes.id, ...(outcome ? { outcome } : {}) };
}

/** The document a task issues: the answer (answerTask), or another one the procedure names in taskDocuments. */
export function documentOf(pkg: StoredPackage, elementId: string): { template: string; title?: Text } | undefined {
  if (pkg.meta.answerTask === elementId && pkg.meta.answerTemplate) return { template: pkg.meta.answerTemplate };
  return pkg.meta.taskDocuments?.[elementId];
}
