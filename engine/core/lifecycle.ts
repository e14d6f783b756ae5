import type { ElementDef } from '../model/definition.ts';
import type { Lifecycle } from '../behaviours/behaviour.ts';
import { behaviourFor } from '../behaviours/index.ts';
import { enterMultiInstance, innerInstanceCompleted } from '../behaviours/multi-instance.ts';
import { compensationHandlerEnded, keepCompensable, passCompensableUp } from '../behaviours/compensation-event.ts';
import { adHocCompleted } from '../behaviours/ad-hoc-sub-process.ts';
import type { Run } from './run.ts';
import type { Scope, Token, Variables } from './types.ts';
import { createsJob, isActivity } from '../model/element-registry.ts';
import { evaluateMappings } from '../behaviours/mappings.ts';
import { armBoundaries, armEventStarts, cancelWait, disarmBoundaries, disarmEventStarts } from './arming.ts';
import { selectFlows } from './select-flows.ts';
import { changeDeadline, onElementCompleted, onElementEntered } from './deadline.ts';

/**
 * The shared element lifecycle: arrive (enter), complete, leave by sequence flows, end, cancel.
 * Behaviours decide what an element does on entry; everything around that lives here, once.
 */

/** What behaviours are handed on entry (function declarations are hoisted, so this is complete). */
export const ops: Lifecycle = {
  arrive, complete, leave, endToken, checkScopeDone, finishInstance, cancelToken, cancelScope, throwError, armEventStarts,
  triggerBoundary, startEventSubProcess, ownerForBoundary, eventSubProcessesOf,
};

/** True for the token of one inner instance of a multi-instance activity. */
function isInnerInstance(run: Run, token: Token): boolean {
  const scope = run.findScope(token.scopeId);
  return scope?.kind === 'multiInstanceInner' && scope.elementId === token.elementId;
}

export function arrive(run: Run, token: Token, elementId: string, viaFlow?: string): void {
  token.elementId = elementId;
  token.viaFlow = viaFlow;
  token.wait = undefined;
  const el = run.element(elementId);
  // The flow taken is kept for the quality heatmap (how often each flow was taken).
  run.event('element.entered', el.id, viaFlow ? { flow: viaFlow } : undefined);
  onElementEntered(run, el);
  if (isActivity(el) && !isInnerInstance(run, token)) {
    armBoundaries(run, token, el);
    if (el.loop) {
      enterMultiInstance(run, token, el, ops);
      return;
    }
  }
  // Jobs and called procedures take their inputs as their payload; anything else keeps them local.
  if (el.inputs && !createsJob(el) && el.type !== 'callActivity') token.locals = evaluateMappings(run, el, el.inputs, token.scopeId, 'input');
  behaviourFor(el).enter(run, token, el, ops);
}

/** The element's own work is done: apply its outputs and move on. */
export function complete(run: Run, token: Token, variables?: Variables): void {
  const el = run.element(token.elementId);
  // A multi-instance activity's outputs belong to each inner instance, not to its body once more.
  const body = el.loop !== undefined && !isInnerInstance(run, token);
  if (!body && (variables || el.outputs)) applyOutputs(run, token, el, variables ?? {});
  token.wait = undefined;
  token.locals = undefined;
  disarmBoundaries(run, token);
  run.event('element.completed', el.id);
  onElementCompleted(run, el);
  if (isInnerInstance(run, token)) {
    endToken(run, token);
    return;
  }
  keepCompensable(run, token, el);
  if (adHocCompleted(run, token, ops)) return;
  leave(run, token);
}

/**
 * Without output mappings the completion's variables are set. With them, Camunda 8's rule passes on
 * only what they map; Camunda 7's (camunda:inputOutput) sets the completion's variables as well.
 * Outputs see the element's local inputs and the completion's variables.
 */
function applyOutputs(run: Run, token: Token, el: ElementDef, variables: Variables): void {
  if (!el.outputs || el.keepCompletionVariables) run.setVariables(token.scopeId, variables);
  if (!el.outputs) return;
  run.setVariables(token.scopeId, evaluateMappings(run, el, el.outputs, token.scopeId, 'output', { ...token.locals, ...variables }));
}

/** Moves the token along the given flows (the first reuses it, the others fork). */
function leave(run: Run, token: Token, flows: string[] = selectFlows(run, token, run.element(token.elementId))): void {
  if (flows.length === 0) {
    endToken(run, token);
    return;
  }
  flows.forEach((flowId, i) => {
    const flow = run.def.flows[flowId]!;
    const moving = i === 0 ? token : run.newToken(token.elementId, token.scopeId);
    run.later(() => arrive(run, moving, flow.target, flowId));
  });
}

function endToken(run: Run, token: Token): void {
  run.removeToken(token.id);
  if (token.compensationOf && compensationHandlerEnded(run, token, ops)) return;
  checkScopeDone(run, token.scopeId);
}

/** A scope ends when nothing runs in it any more. */
function checkScopeDone(run: Run, scopeId: string): void {
  const scope = run.findScope(scopeId);
  if (!scope) return;
  if (run.tokensIn(scopeId).length > 0 || run.childScopes(scopeId).length > 0) return;
  if (scope.kind === 'process') {
    finishInstance(run, 'completed');
    return;
  }
  completeScope(run, scope);
}

function completeScope(run: Run, scope: Scope): void {
  disarmEventStarts(run, scope);
  passCompensableUp(run, scope);
  run.removeScope(scope.id);
  if (scope.compensationOf && scope.parentScopeId && compensationHandlerEnded(run, { compensationOf: scope.compensationOf, scopeId: scope.parentScopeId }, ops)) return;
  if (scope.kind === 'multiInstanceInner') {
    innerInstanceCompleted(run, scope, ops);
    return;
  }
  const owner = scope.ownerTokenId ? run.token(scope.ownerTokenId) : undefined;
  if (owner) complete(run, owner);
  else if (scope.parentScopeId) checkScopeDone(run, scope.parentScopeId);
}

export function finishInstance(run: Run, status: 'completed' | 'terminated'): void {
  if (run.state.status === 'completed' || run.state.status === 'terminated') return;
  for (const token of [...run.state.tokens]) cancelToken(run, token);
  for (const scope of run.state.scopes.filter((s) => s.kind !== 'process')) cancelScope(run, scope.id);
  const root = run.state.scopes.find((s) => s.kind === 'process');
  if (root) disarmEventStarts(run, root);
  if (run.state.clock && !run.state.clock.events.some((e) => e.type === 'stopped')) changeDeadline(run, { type: 'stopped' });
  run.state.status = status;
  delete run.state.incident;
  run.event(status === 'completed' ? 'instance.completed' : 'instance.terminated');
  if (run.state.parent && status === 'completed') {
    run.emit({ type: 'instance.notifyParent', parent: run.state.parent, outcome: 'completed', variables: root?.variables ?? {} });
  }
}

/** Stops whatever the token waits for, without completing the element. */
export function cancelToken(run: Run, token: Token): void {
  // A sub-process or multi-instance body is a scope of its own; anything else is an effect to undo.
  if (token.wait?.kind === 'scope') cancelScope(run, token.wait.scopeId);
  else if (token.wait) cancelWait(run, token.wait);
  disarmBoundaries(run, token);
  run.removeToken(token.id);
  run.event('element.cancelled', token.elementId);
}

function cancelScope(run: Run, scopeId: string): void {
  const scope = run.findScope(scopeId);
  if (!scope) return;
  for (const child of run.childScopes(scopeId)) cancelScope(run, child.id);
  for (const token of run.tokensIn(scopeId)) cancelToken(run, token);
  disarmEventStarts(run, scope);
  run.removeScope(scopeId);
}

/** A boundary event fires on an activity's token. */
export function triggerBoundary(run: Run, activityToken: Token, boundary: ElementDef, variables?: Variables): void {
  const scopeId = activityToken.scopeId;
  if (boundary.cancelActivity !== false) cancelToken(run, activityToken);
  const token = run.newToken(boundary.id, scopeId);
  if (variables) run.setVariables(scopeId, variables);
  run.event('element.entered', boundary.id);
  run.event('element.completed', boundary.id);
  leave(run, token);
}

/** An event sub-process starts inside the scope it belongs to. */
export function startEventSubProcess(run: Run, scope: Scope, start: ElementDef, variables?: Variables): void {
  const esp = run.element(start.parent!);
  if (start.isInterrupting !== false) {
    for (const child of run.childScopes(scope.id)) cancelScope(run, child.id);
    for (const token of run.tokensIn(scope.id)) cancelToken(run, token);
    disarmEventStarts(run, scope);
  }
  const inner = run.newScope('eventSubProcess', esp.id, scope.id);
  if (variables) run.setVariables(inner.id, variables);
  run.event('element.entered', esp.id);
  armEventStarts(run, inner, esp.eventSubProcesses ?? []);
  const token = run.newToken(start.id, inner.id);
  run.event('element.entered', start.id);
  run.event('element.completed', start.id);
  leave(run, token);
}

/**
 * The catcher of an error among those of one activity or scope: one naming the error's code wins
 * over a catch-all (no code), whatever their order in the document (BPMN 2.0.2 §10.5.6, Camunda).
 */
function errorCatcher(candidates: ElementDef[], errorCode: string): ElementDef | undefined {
  const errors = candidates.filter((el) => el.event?.kind === 'error');
  return errors.find((el) => el.event?.kind === 'error' && el.event.errorCode === errorCode)
    ?? errors.find((el) => el.event?.kind === 'error' && !el.event.errorCode);
}

function eventSubProcessesOf(run: Run, scope: Scope): string[] {
  if (scope.kind === 'process') return run.def.eventSubProcesses;
  if (scope.kind === 'subProcess' || scope.kind === 'eventSubProcess') return run.element(scope.elementId).eventSubProcesses ?? [];
  return [];
}

/**
 * A BPMN error travels outwards: the throwing activity's boundary, then each enclosing scope's
 * error event sub-process and its owner's boundary; unhandled, it fails the calling activity or
 * raises an incident.
 */
export function throwError(run: Run, from: { token?: Token; scopeId: string }, errorCode: string, message?: string): void {
  run.event('error.thrown', from.token?.elementId, { errorCode, ...(message ? { message } : {}) });
  if (from.token) {
    const el = run.element(from.token.elementId);
    const catcher = errorCatcher((el.boundary ?? []).map((id) => run.element(id)), errorCode);
    if (catcher) {
      triggerBoundary(run, ownerForBoundary(run, from.token), catcher, caughtError(catcher, errorCode, message));
      return;
    }
  }
  let scope = run.findScope(from.scopeId);
  while (scope) {
    const starts = eventSubProcessesOf(run, scope).flatMap((espId) => (run.element(espId).startEvents ?? []).map((id) => run.element(id)));
    const start = errorCatcher(starts, errorCode);
    if (start) {
      startEventSubProcess(run, scope, start, caughtError(start, errorCode, message));
      return;
    }
    const owner = scope.ownerTokenId ? run.token(scope.ownerTokenId) : undefined;
    if (owner) {
      const el = run.element(owner.elementId);
      const catcher = errorCatcher((el.boundary ?? []).map((id) => run.element(id)), errorCode);
      if (catcher) {
        triggerBoundary(run, ownerForBoundary(run, owner), catcher, caughtError(catcher, errorCode, message));
        return;
      }
    }
    scope = scope.parentScopeId ? run.findScope(scope.parentScopeId) : undefined;
  }
  if (run.state.parent) {
    run.emit({ type: 'instance.notifyParent', parent: run.state.parent, outcome: 'error', variables: {}, errorCode, ...(message ? { message } : {}) });
    finishInstance(run, 'terminated');
    return;
  }
  raiseIncident(run, from.token?.elementId ?? run.def.key, `Unhandled BPMN error "${errorCode}"${message ? `: ${message}` : ''}`);
}

/** The variables a catch names for the error it caught (its code; its message, null when it had none). */
function caughtError(catcher: ElementDef, errorCode: string, message: string | undefined): Variables | undefined {
  if (catcher.event?.kind !== 'error' || (!catcher.event.codeVariable && !catcher.event.messageVariable)) return undefined;
  const { codeVariable, messageVariable } = catcher.event;
  return { ...(codeVariable ? { [codeVariable]: errorCode } : {}), ...(messageVariable ? { [messageVariable]: message ?? null } : {}) };
}

/** Boundaries of a multi-instance activity belong to its body token, not to one inner instance. */
function ownerForBoundary(run: Run, token: Token): Token {
  if (!isInnerInstance(run, token)) return token;
  const inner = run.scope(token.scopeId);
  const body = run.scope(inner.parentScopeId!);
  return run.token(body.ownerTokenId!) ?? token;
}

export function raiseIncident(run: Run, elementId: string, message: string, jobId?: string): void {
  run.state.status = 'incident';
  run.state.incident = { elementId, message, ...(jobId ? { jobId } : {}) };
  run.event('incident.raised', elementId, { message, ...(jobId ? { jobId } : {}) });
}
