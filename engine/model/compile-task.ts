import type { ServiceDef, TaskDef } from './definition.ts';
import type { ExpressionReader } from './compile-expressions.ts';
import { hasJuel } from '../expressions/juel-to-feel.ts';
import { ELEMENTS, type ElementType } from './element-registry.ts';
import { readRetryCycle } from './retry-cycle.ts';
import { formKeyOf } from './read-embedded-forms.ts';
import { extension, friendlyType, labelOf, list, str, type El, type ReadContext } from './read-attributes.ts';

/** User tasks and job-creating elements, read from `dosar:`, then Camunda 7, then Camunda 8 settings. */

export function readUserTask(item: El, ctx: ReadContext, expr: ExpressionReader, lane: string | undefined): TaskDef {
  const id = item.id!;
  const zeebeAssign = extension(item, 'zeebe:AssignmentDefinition');
  const zeebeSchedule = extension(item, 'zeebe:TaskSchedule');
  const pick = (dosar: string, camunda: string, zeebe: unknown) => ctx.attr(item, dosar) ?? ctx.attr(item, camunda) ?? str(zeebe);
  const task: TaskDef = {};
  const name = str(item.name);
  if (name && hasJuel(name)) {
    const feel = expr.expression(name, id, 'The name');
    if (feel) task.name = feel;
  }
  const groups = expr.expression(pick('dosar:candidateGroups', 'camunda:candidateGroups', zeebeAssign?.candidateGroups) ?? lane, id, 'The candidate groups');
  const users = expr.expression(pick('dosar:candidateUsers', 'camunda:candidateUsers', zeebeAssign?.candidateUsers), id, 'The candidate users');
  const assignee = expr.expression(pick('dosar:assignee', 'camunda:assignee', zeebeAssign?.assignee), id, 'The assignee');
  const formKey = formKeyOf(item, ctx);
  const dueDate = expr.expression(pick('dosar:dueDate', 'camunda:dueDate', zeebeSchedule?.dueDate), id, 'The due date');
  const followUp = expr.expression(pick('dosar:followUpDate', 'camunda:followUpDate', zeebeSchedule?.followUpDate), id, 'The follow-up date');
  if (groups) task.candidateGroups = groups;
  if (users) task.candidateUsers = users;
  if (assignee) task.assignee = assignee;
  if (formKey) task.formKey = formKey;
  if (dueDate) task.dueDate = dueDate;
  if (followUp) task.followUpDate = followUp;
  return task;
}

export function readService(item: El, type: ElementType, ctx: ReadContext): ServiceDef | undefined {
  const facts = ELEMENTS[type].handler;
  if (!facts) return undefined;
  const zeebeTask = extension(item, 'zeebe:TaskDefinition');
  const handler = ctx.attr(item, 'dosar:handler') ?? (ctx.attr(item, 'camunda:type') === 'external' ? ctx.attr(item, 'camunda:topic') : undefined) ?? str(zeebeTask?.type);
  if (!handler) {
    if (facts.runs === 'always') {
      const javaStyle = ctx.attr(item, 'camunda:class') ?? ctx.attr(item, 'camunda:delegateExpression') ?? ctx.attr(item, 'camunda:expression');
      ctx.report('service-task-without-handler', item.id, javaStyle
        ? `${friendlyType(item.$type)} ${labelOf(item)} calls Java code (${javaStyle}); Dosar runs named handlers: set dosar:handler, an external task topic or a zeebe task type`
        : `${friendlyType(item.$type)} ${labelOf(item)} names no handler (dosar:handler, camunda:topic or zeebe:taskDefinition type)`);
    }
    return undefined;
  }
  const service: ServiceDef = { handler };
  const retries = ctx.attr(item, 'dosar:retries') ?? str(zeebeTask?.retries);
  if (retries !== undefined) {
    if (/^\d+$/.test(retries) && Number(retries) >= 1) service.retries = Number(retries);
    else ctx.report('retries-invalid', item.id, `Retries "${retries}" must be a whole number of at least 1`);
  }
  const cycle = str(extension(item, 'camunda:FailedJobRetryTimeCycle')?.body)?.trim();
  if (cycle) {
    const schedule = readRetryCycle(cycle);
    if (!schedule) ctx.report('retry-cycle-invalid', item.id, `The retry time cycle "${cycle}" of ${labelOf(item)} must be R<n>/<duration> (e.g. R5/PT10M) or waits separated by commas (e.g. PT10M,PT1H), without expressions`);
    else {
      service.retries ??= schedule.attempts;
      service.retryWaits = schedule.waits;
    }
  }
  const options: Record<string, string> = {};
  const named = [
    ...list(extension(item, 'dosar:Options')?.values).map((o) => [o.name, o.value] as const),
    ...list(extension(item, 'zeebe:TaskHeaders')?.values).map((h) => [h.key, h.value] as const),
  ];
  for (const [name, value] of named) {
    if (!str(name)) continue;
    // The options travel as a plain JSON object, where these names would not survive as keys.
    if (RESERVED_OPTION_NAMES.has(name as string)) ctx.report('option-name-invalid', item.id, `Option "${name as string}" of ${labelOf(item)} uses a reserved name; choose another`);
    else options[name as string] = String(value ?? '');
  }
  if (Object.keys(options).length > 0) service.options = options;
  return service;
}

const RESERVED_OPTION_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
