import type { Run } from '../core/run.ts';
import type { Compensable, Scope, Token } from '../core/types.ts';
import type { ElementDef } from '../model/definition.ts';
import type { Lifecycle } from './behaviour.ts';

/**
 * Compensation (BPMN 2.0.2, 10.5.6). An activity with a compensation boundary event, once completed,
 * is kept by its scope with the handler the boundary's association names. A compensation throw
 * (intermediate or end) runs the handlers of the scope's completed activities (or of the one its
 * activityRef names) one after another, the last completed first, and moves on when the last is
 * done. Thrown from an event sub-process, it compensates the scope the event sub-process belongs to.
 * A completed sub-process without a handler of its own hands its kept activities to its parent scope;
 * one with a compensation event sub-process is compensated by running it, with the sub-process's
 * variables as they were when it completed.
 */

/** Called when an activity completes: keeps it when it has a compensation handler. */
export function keepCompensable(run: Run, token: Token, el: ElementDef): void {
  if (!el.boundary) return;
  for (const id of el.boundary) {
    const boundary = run.element(id);
    if (boundary.event?.kind === 'compensate' && boundary.compensateWith) {
      (run.scope(token.scopeId).compensable ??= []).push({ activityId: el.id, handlerId: boundary.compensateWith });
    }
  }
}

/** The compensation event sub-process directly inside a sub-process, if it has one. */
function compensationEventSubProcess(run: Run, elementId: string): string | undefined {
  const el = run.def.elements[elementId];
  return (el?.eventSubProcesses ?? []).find((id) => (run.element(id).startEvents ?? []).some((s) => run.element(s).event?.kind === 'compensate'));
}

function hasOwnHandler(run: Run, elementId: string): boolean {
  const el = run.def.elements[elementId];
  return (el?.boundary ?? []).some((id) => run.element(id).event?.kind === 'compensate');
}

/**
 * A scope that completes hands its kept activities up, unless its sub-process has a handler of its
 * own; one with a compensation event sub-process is kept whole, with its variables, for that.
 */
export function passCompensableUp(run: Run, scope: Scope): void {
  if (!scope.parentScopeId || scope.compensationOf) return;
  const parent = run.findScope(scope.parentScopeId);
  if (!parent) return;
  const esp = scope.kind === 'subProcess' ? compensationEventSubProcess(run, scope.elementId) : undefined;
  if (esp) {
    (parent.compensable ??= []).push({ activityId: scope.elementId, handlerId: esp, snapshot: { variables: structuredClone(scope.variables), compensable: scope.compensable ?? [] } });
    return;
  }
  if (!scope.compensable) return;
  if (scope.kind === 'subProcess' && hasOwnHandler(run, scope.elementId)) return;
  const via = scope.kind === 'subProcess' ? [scope.elementId] : [];
  for (const c of scope.compensable) (parent.compensable ??= []).push({ ...c, ...(via.length > 0 || c.via ? { via: [...(c.via ?? []), ...via] } : {}) });
}

/** The scope whose completed activities a throw in `scopeId` compensates. */
function compensatedScope(run: Run, scopeId: string): Scope {
  const scope = run.scope(scopeId);
  // A compensation event sub-process compensates the activities of the sub-process it belongs to, kept in its own scope.
  return scope.kind === 'eventSubProcess' && scope.parentScopeId && !scope.compensationOf ? run.scope(scope.parentScopeId) : scope;
}

/** Starts the compensation a throw event asks for; the token waits until every handler has run. */
export function throwCompensation(run: Run, token: Token, el: ElementDef, ops: Lifecycle): void {
  const ref = el.event?.kind === 'compensate' ? el.event.activityRef : undefined;
  const scope = compensatedScope(run, token.scopeId);
  const kept = scope.compensable ?? [];
  const chosen = kept.filter((c) => !ref || c.activityId === ref || (c.via ?? []).includes(ref));
  // Each completed activity is compensated once.
  scope.compensable = kept.filter((c) => !chosen.includes(c));
  if (scope.compensable.length === 0) delete scope.compensable;
  const pending = chosen.reverse();
  run.event('compensation.thrown', el.id, { activities: pending.map((c) => c.activityId) });
  token.wait = { kind: 'compensation', pending };
  runNextHandler(run, token, scope.id, ops);
}

function runNextHandler(run: Run, thrower: Token, scopeId: string, ops: Lifecycle): void {
  const wait = thrower.wait;
  if (wait?.kind !== 'compensation') return;
  const next = wait.pending.shift();
  if (!next) {
    thrower.wait = undefined;
    if (run.element(thrower.elementId).type === 'endEvent') ops.endToken(run, thrower);
    else ops.complete(run, thrower);
    return;
  }
  run.event('compensation.started', next.activityId, { handler: next.handlerId });
  if (next.snapshot) {
    startCompensationEventSubProcess(run, thrower, scopeId, next, ops);
    return;
  }
  const handler = run.newToken(next.handlerId, scopeId);
  handler.compensationOf = thrower.id;
  run.later(() => ops.arrive(run, handler, next.handlerId));
}

/** Runs a compensation event sub-process with the variables and kept activities of its completed sub-process. */
function startCompensationEventSubProcess(run: Run, thrower: Token, scopeId: string, record: Compensable, ops: Lifecycle): void {
  const esp = run.element(record.handlerId);
  const start = (esp.startEvents ?? []).map((id) => run.element(id)).find((s) => s.event?.kind === 'compensate')!;
  const scope = run.newScope('eventSubProcess', esp.id, scopeId, {
    variables: record.snapshot!.variables,
    ...(record.snapshot!.compensable.length > 0 ? { compensable: record.snapshot!.compensable } : {}),
    compensationOf: thrower.id,
  });
  run.event('element.entered', esp.id);
  const token = run.newToken(start.id, scope.id);
  run.event('element.entered', start.id);
  run.event('element.completed', start.id);
  run.later(() => ops.leave(run, token));
}

/** A handler (a token, or a compensation event sub-process's scope) has ended: run the next one. False when its thrower is gone. */
export function compensationHandlerEnded(run: Run, handler: { compensationOf?: string; scopeId: string }, ops: Lifecycle): boolean {
  const thrower = run.token(handler.compensationOf!);
  if (thrower?.wait?.kind !== 'compensation') return false;
  runNextHandler(run, thrower, handler.scopeId, ops);
  return true;
}

