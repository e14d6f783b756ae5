import { AppError } from '../errors.ts';
import type { Run } from './run.ts';
import type { SubscriptionRecord, Variables } from './types.ts';
import { takeEventBranch } from '../behaviours/event-based-gateway.ts';
import { complete, ops, startEventSubProcess, triggerBoundary } from './lifecycle.ts';

/**
 * One delivery of a broadcast signal to one subscription of the instance: an intermediate catch
 * (or the signal branch of an event-based gateway) moves on, a boundary event fires (a non-interrupting one keeps listening), an event sub-process
 * starts. A subscription no longer armed (the token moved on since the broadcast) is `not-found`,
 * which the deliverer takes as "nothing to do".
 */
export function catchSignal(run: Run, subscription: SubscriptionRecord, variables: Variables): void {
  const id = subscription.id;
  const target = run.element(subscription.elementId);
  const name = subscription.messageName;
  for (const token of run.state.tokens) {
    if (token.wait?.kind === 'signal' && token.wait.subscriptionId === id) {
      run.emit({ type: 'subscription.close', subscriptionId: id });
      run.event('signal.caught', token.elementId, { name });
      complete(run, token, variables);
      return;
    }
    if (token.wait?.kind === 'eventGateway' && token.wait.subscriptionIds.includes(id)) {
      run.emit({ type: 'subscription.close', subscriptionId: id });
      run.event('signal.caught', target.id, { name });
      takeEventBranch(run, token, target.id, id, ops, variables);
      return;
    }
    if (token.boundarySubscriptionIds?.includes(id)) {
      if (target.cancelActivity !== false) {
        token.boundarySubscriptionIds = token.boundarySubscriptionIds.filter((s) => s !== id);
        run.emit({ type: 'subscription.close', subscriptionId: id });
      }
      run.event('signal.caught', target.id, { name });
      triggerBoundary(run, token, target, variables);
      return;
    }
  }
  for (const scope of run.state.scopes) {
    const armed = scope.eventSubscriptionIds?.indexOf(id) ?? -1;
    if (armed < 0) continue;
    if (target.isInterrupting !== false) {
      scope.eventSubscriptionIds!.splice(armed, 1);
      run.emit({ type: 'subscription.close', subscriptionId: id });
    }
    run.event('signal.caught', target.id, { name });
    startEventSubProcess(run, scope, target, variables);
    return;
  }
  throw new AppError('not-found', `Signal subscription ${id} is no longer armed in instance ${run.ctx.instanceId}`);
}
