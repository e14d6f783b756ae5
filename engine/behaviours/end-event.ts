import type { ElementBehaviour } from './behaviour.ts';
import { throwCompensation } from './compensation-event.ts';
import { throwEscalationAndEnd } from './escalation-event.ts';
import { recordMessageSent } from './message-throw.ts';
import { throwSignal } from './signal-event.ts';

/** None, message, terminate, error, signal, escalation and compensation end events. */
export const endEvent: ElementBehaviour = {
  enter(run, token, el, ops) {
    run.event('element.completed', el.id);
    switch (el.event?.kind) {
      case 'terminate': {
        const scope = run.scope(token.scopeId);
        run.removeToken(token.id);
        for (const child of run.childScopes(scope.id)) ops.cancelScope(run, child.id);
        for (const other of run.tokensIn(scope.id)) ops.cancelToken(run, other);
        if (scope.kind === 'process') ops.finishInstance(run, 'terminated');
        else ops.checkScopeDone(run, scope.id);
        return;
      }
      case 'error':
        run.removeToken(token.id);
        ops.throwError(run, { scopeId: token.scopeId }, el.event.errorCode ?? el.event.errorName ?? el.id, el.event.errorMessage);
        return;
      case 'message':
        recordMessageSent(run, token, el);
        ops.endToken(run, token);
        return;
      case 'signal':
        throwSignal(run, token, el);
        ops.endToken(run, token);
        return;
      case 'escalation':
        throwEscalationAndEnd(run, token, el, ops);
        return;
      case 'compensate':
        throwCompensation(run, token, el, ops);
        return;
      default:
        ops.endToken(run, token);
    }
  },
};
