import { cancelScope, cancelToken, checkScopeDone, endToken, finishInstance, throwError } from '../core/lifecycle.ts';
import type { ElementBehaviour } from './behaviour.ts';
import { recordMessageSent } from './message-throw.ts';

/** None, message, terminate and error end events. */
export const endEvent: ElementBehaviour = {
  enter(run, token, el) {
    run.event('element.completed', el.id);
    switch (el.event?.kind) {
      case 'terminate': {
        const scope = run.scope(token.scopeId);
        run.removeToken(token.id);
        for (const child of run.childScopes(scope.id)) cancelScope(run, child.id);
        for (const other of run.tokensIn(scope.id)) cancelToken(run, other);
        if (scope.kind === 'process') finishInstance(run, 'terminated');
        else checkScopeDone(run, scope.id);
        return;
      }
      case 'error':
        run.removeToken(token.id);
        throwError(run, { scopeId: token.scopeId }, el.event.errorCode ?? el.event.errorName ?? el.id);
        return;
      case 'message':
        recordMessageSent(run, token, el);
        endToken(run, token);
        return;
      default:
        endToken(run, token);
    }
  },
};
