import type { Run } from '../core/run.ts';
import type { Token } from '../core/types.ts';
import type { ElementDef } from '../model/definition.ts';
import type { Lifecycle } from './behaviour.ts';

/**
 * Escalation events (BPMN 2.0.2, 10.5.4): a throw travels outwards through the enclosing scopes,
 * looking in each at its escalation event sub-processes, then at the escalation boundary events of
 * the activity that owns it. An escalation with the same code wins over a catch-all one at the
 * same level. Nobody catching it is not a failure: the escalation simply goes unheard.
 */

function escalationCatcher(run: Run, ids: string[], code: string | undefined): ElementDef | undefined {
  const catchers = ids.map((id) => run.element(id)).filter((el) => el.event?.kind === 'escalation');
  const codeOf = (el: ElementDef) => (el.event?.kind === 'escalation' ? el.event.escalationCode : undefined);
  return catchers.find((el) => code !== undefined && codeOf(el) === code) ?? catchers.find((el) => codeOf(el) === undefined);
}

/** Raises an escalation from `token`'s scope; true when something caught it. */
function throwEscalation(run: Run, token: Token, el: ElementDef, ops: Lifecycle): boolean {
  const code = el.event?.kind === 'escalation' ? el.event.escalationCode : undefined;
  run.event('escalation.thrown', el.id, code ? { escalationCode: code } : undefined);
  let scope = run.findScope(token.scopeId);
  while (scope) {
    for (const espId of ops.eventSubProcessesOf(run, scope)) {
      const start = escalationCatcher(run, run.element(espId).startEvents ?? [], code);
      if (start) {
        ops.startEventSubProcess(run, scope, start);
        return true;
      }
    }
    const owner = scope.ownerTokenId ? run.token(scope.ownerTokenId) : undefined;
    if (owner) {
      const boundary = escalationCatcher(run, run.element(owner.elementId).boundary ?? [], code);
      if (boundary) {
        ops.triggerBoundary(run, ops.ownerForBoundary(run, owner), boundary);
        return true;
      }
    }
    scope = scope.parentScopeId ? run.findScope(scope.parentScopeId) : undefined;
  }
  run.event('escalation.unhandled', el.id, code ? { escalationCode: code } : undefined);
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
