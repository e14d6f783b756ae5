import type { Run } from '../core/run.ts';
import type { Token, Variables } from '../core/types.ts';
import type { ElementDef } from '../model/definition.ts';
import type { Lifecycle } from './behaviour.ts';

/**
 * Escalation events (BPMN 2.0.2, 10.5.4): a throw travels outwards through the enclosing scopes,
 * looking in each at its escalation event sub-processes, then at the escalation boundary events of
 * the activity that owns it. An escalation with the same code wins over a catch-all one at the
 * same level. Past the process's own scopes it goes on to the calling process, raised at the call
 * activity (as Camunda 7 does): its boundary events first, then outwards from there. Nobody catching
 * it is not a failure: the escalation simply goes unheard.
 */

function escalationCatcher(run: Run, ids: string[], code: string | undefined): ElementDef | undefined {
  const catchers = ids.map((id) => run.element(id)).filter((el) => el.event?.kind === 'escalation');
  const codeOf = (el: ElementDef) => (el.event?.kind === 'escalation' ? el.event.escalationCode : undefined);
  return catchers.find((el) => code !== undefined && codeOf(el) === code) ?? catchers.find((el) => codeOf(el) === undefined);
}

/** The variable a catch names for the escalation's code (Camunda 7's escalationCodeVariable; null when thrown without one). */
function caughtEscalation(catcher: ElementDef, code: string | undefined): Variables | undefined {
  return catcher.event?.kind === 'escalation' && catcher.event.codeVariable ? { [catcher.event.codeVariable]: code ?? null } : undefined;
}

/** Raises an escalation from `token`'s scope; true when something caught it. */
function throwEscalation(run: Run, token: Token, el: ElementDef, ops: Lifecycle): boolean {
  const code = el.event?.kind === 'escalation' ? el.event.escalationCode : undefined;
  run.event('escalation.thrown', el.id, code ? { escalationCode: code } : undefined);
  return raiseEscalation(run, token.scopeId, code, el.id, ops);
}

/**
 * An escalation a called instance did not catch, raised at the call activity's token: a boundary
 * event on it, else the scopes around it, else the process that called this one in turn.
 */
export function childEscalated(run: Run, callToken: Token, code: string | undefined, ops: Lifecycle): void {
  run.event('escalation.received', callToken.elementId, code ? { escalationCode: code } : undefined);
  const boundary = escalationCatcher(run, run.element(callToken.elementId).boundary ?? [], code);
  if (boundary) {
    ops.triggerBoundary(run, ops.ownerForBoundary(run, callToken), boundary, caughtEscalation(boundary, code));
    return;
  }
  raiseEscalation(run, callToken.scopeId, code, callToken.elementId, ops);
}

/** Looks for a catcher from `scopeId` outwards, then hands the escalation to the calling instance, if any. */
function raiseEscalation(run: Run, scopeId: string, code: string | undefined, elementId: string, ops: Lifecycle): boolean {
  let scope = run.findScope(scopeId);
  while (scope) {
    for (const espId of ops.eventSubProcessesOf(run, scope)) {
      const start = escalationCatcher(run, run.element(espId).startEvents ?? [], code);
      if (start) {
        ops.startEventSubProcess(run, scope, start, caughtEscalation(start, code));
        return true;
      }
    }
    const owner = scope.ownerTokenId ? run.token(scope.ownerTokenId) : undefined;
    if (owner) {
      const boundary = escalationCatcher(run, run.element(owner.elementId).boundary ?? [], code);
      if (boundary) {
        ops.triggerBoundary(run, ops.ownerForBoundary(run, owner), boundary, caughtEscalation(boundary, code));
        return true;
      }
    }
    scope = scope.parentScopeId ? run.findScope(scope.parentScopeId) : undefined;
  }
  if (run.state.parent) {
    // The calling instance decides in the same transaction (runtime/step-pipeline.ts); this one carries on.
    run.emit({ type: 'instance.notifyParent', parent: run.state.parent, outcome: 'escalation', variables: {}, ...(code ? { escalationCode: code } : {}) });
    run.event('escalation.propagated', elementId, code ? { escalationCode: code } : undefined);
    return false;
  }
  run.event('escalation.unhandled', elementId, code ? { escalationCode: code } : undefined);
  return false;
}

/** An intermediate escalation throw: the token moves on unless an interrupting catch cancelled it. */
export function throwEscalationAndContinue(run: Run, token: Token, el: ElementDef, ops: Lifecycle): void {
  throwEscalation(run, token, el, ops);
  if (run.token(token.id)) ops.complete(run, token);
}

/** An escalation end event: its token ends, then the escalation is raised from its scope. */
export function throwEscalationAndEnd(run: Run, token: Token, el: ElementDef, ops: Lifecycle): void {
  run.removeToken(token.id);
  throwEscalation(run, token, el, ops);
  ops.checkScopeDone(run, token.scopeId);
}
