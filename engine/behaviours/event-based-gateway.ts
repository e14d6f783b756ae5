import type { Run } from '../core/run.ts';
import { openSubscription, scheduleTimer } from '../core/waits.ts';
import type { Token, Variables } from '../core/types.ts';
import type { ElementBehaviour, Lifecycle } from './behaviour.ts';

/**
 * Arms every event after the gateway; the first to happen wins and disarms the others. A
 * conditional catch event arms nothing: its condition is evaluated before the step ends and after
 * every step that changes variables (engine/core/conditions.ts), so one already true wins at once.
 */
export const eventBasedGateway: ElementBehaviour = {
  enter(run, token, el) {
    const timerIds: string[] = [];
    const subscriptionIds: string[] = [];
    for (const flowId of el.outgoing) {
      const target = run.element(run.def.flows[flowId]!.target);
      if (target.event?.kind === 'timer') timerIds.push(scheduleTimer(run, target, { tokenId: token.id, scopeId: token.scopeId }));
      else if (target.event?.kind === 'message' || target.event?.kind === 'signal') subscriptionIds.push(openSubscription(run, target, { tokenId: token.id, scopeId: token.scopeId }).id);
      else if (target.event?.kind === 'conditional') run.conditionsDue = true;
    }
    token.wait = { kind: 'eventGateway', timerIds, subscriptionIds };
  },
};

/** One of the gateway's events happened: the token passes through that event only. */
export function takeEventBranch(run: Run, token: Token, targetId: string, firedId: string, ops: Lifecycle, variables?: Variables): void {
  const wait = token.wait;
  if (wait?.kind !== 'eventGateway') return;
  for (const timerId of wait.timerIds) if (timerId !== firedId) run.emit({ type: 'timer.cancel', timerId });
  for (const subscriptionId of wait.subscriptionIds) if (subscriptionId !== firedId) run.emit({ type: 'subscription.close', subscriptionId });
  const gateway = run.element(token.elementId);
  const flowId = gateway.outgoing.find((f) => run.def.flows[f]!.target === targetId)!;
  run.event('element.completed', gateway.id);
  token.wait = undefined;
  token.elementId = targetId;
  token.viaFlow = flowId;
  run.event('element.entered', targetId, { flow: flowId });
  ops.complete(run, token, variables);
}
