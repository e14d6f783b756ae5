import { AppError } from '../errors.ts';
import { addDuration, isDuration, parseDateTime, parseDuration, toIso } from '../core/iso-time.ts';
import type { Run } from '../core/run.ts';
import type { Json, TaskRecord, Token } from '../core/types.ts';
import type { ElementDef } from '../model/definition.ts';
import type { ElementBehaviour } from './behaviour.ts';
import { taskDueFromTerm } from '../core/deadline.ts';
import { endOfLocalDay } from '../calendar/time-zone.ts';

function toList(value: Json): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  return String(value).split(',').map((v) => v.trim()).filter(Boolean);
}

/**
 * A due or follow-up date: ISO date-time, ISO duration counted from now, or FEEL giving either. A
 * due date that is a day alone lasts to that day's end in Bucharest, as a legal term's last day does.
 */
function resolveDate(run: Run, value: string | undefined, token: Token, kind: 'due' | 'followUp'): string | undefined {
  if (!value) return undefined;
  const result = run.attribute(value, token.scopeId, token.locals);
  if (result === null || result === '') return undefined;
  if (typeof result !== 'string') throw new AppError('expression-failed', `"${value}" gave ${JSON.stringify(result)}, not a date`);
  if (isDuration(result)) return toIso(addDuration(new Date(run.now), parseDuration(result)));
  const at = parseDateTime(result);
  return toIso(kind === 'due' && DAY.test(result.trim()) ? endOfLocalDay(result.trim()) : at);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The task's settings are evaluated with its input mappings (token.locals) in view, as in Camunda. */
function buildTask(run: Run, token: Token, el: ElementDef): TaskRecord {
  const def = el.task ?? {};
  const scope = run.findScope(token.scopeId);
  const attribute = (value: string) => run.attribute(value, token.scopeId, token.locals);
  const assignee = def.assignee ? attribute(def.assignee) : null;
  const task: TaskRecord = {
    id: run.ctx.newId(),
    elementId: el.id,
    tokenId: token.id,
    candidateGroups: def.candidateGroups ? toList(attribute(def.candidateGroups)) : [],
    candidateUsers: def.candidateUsers ? toList(attribute(def.candidateUsers)) : [],
  };
  const name = def.name ? attribute(def.name) : el.name;
  if (name !== null && name !== undefined && name !== '') task.name = String(name);
  if (assignee !== null && assignee !== '') task.assignee = String(assignee);
  if (def.formKey) task.formKey = def.formKey;
  const due = taskDueFromTerm(run, el) ?? resolveDate(run, def.dueDate, token, 'due');
  if (due) task.due = due;
  const followUp = resolveDate(run, def.followUpDate, token, 'followUp');
  if (followUp) task.followUp = followUp;
  if (scope?.kind === 'multiInstanceInner' && scope.loopIndex !== undefined) task.loopIndex = scope.loopIndex;
  return task;
}

/** Creates a task in the clerks' queues and waits for its completion. */
export const userTask: ElementBehaviour = {
  enter(run, token, el) {
    const task = buildTask(run, token, el);
    run.emit({ type: 'task.create', task });
    run.event('task.created', el.id, { taskId: task.id, candidateGroups: task.candidateGroups, ...(task.assignee ? { assignee: task.assignee } : {}) });
    token.wait = { kind: 'task', taskId: task.id };
  },
};
