import type { ElementDef } from '../model/definition.ts';
import type { Run } from './run.ts';
import type { Scope, Token, Wait } from './types.ts';
import { openSubscription, scheduleTimer } from './waits.ts';

/**
 * Arming and disarming what can interrupt a token or a scope (the timer and message boundary
 * events of an activity, the timer, message, signal and conditional starts of event sub-processes), and undoing what
 * a cancelled token waited for.
 */

export function armBoundaries(run: Run, token: Token, el: ElementDef): void {
  for (const id of el.boundary ?? []) {
    const boundary = run.element(id);
    if (boundary.event?.kind === 'timer') {
      (token.boundaryTimerIds ??= []).push(scheduleTimer(run, boundary, { tokenId: token.id, scopeId: token.scopeId }));
    } else if (boundary.event?.kind === 'message' || boundary.event?.kind === 'signal') {
      (token.boundarySubscriptionIds ??= []).push(openSubscription(run, boundary, { tokenId: token.id, scopeId: token.scopeId }).id);
    } else if (boundary.event?.kind === 'conditional') {
      (token.boundaryConditions ??= []).push({ elementId: boundary.id, satisfied: false });
      run.conditionsDue = true;
    }
  }
}

export function disarmBoundaries(run: Run, token: Token): void {
  for (const timerId of token.boundaryTimerIds ?? []) run.emit({ type: 'timer.cancel', timerId });
  for (const subscriptionId of token.boundarySubscriptionIds ?? []) run.emit({ type: 'subscription.close', subscriptionId });
  delete token.boundaryTimerIds;
  delete token.boundarySubscriptionIds;
  delete token.boundaryConditions;
}

/** Arms the timer and message starts of the event sub-processes directly inside a scope. */
export function armEventStarts(run: Run, scope: Scope, eventSubProcesses: string[]): void {
  for (const espId of eventSubProcesses) {
    for (const startId of run.element(espId).startEvents ?? []) {
      const start = run.element(startId);
      if (start.event?.kind === 'timer') {
        (scope.eventTimerIds ??= []).push(scheduleTimer(run, start, { scopeId: scope.id }));
      } else if (start.event?.kind === 'message' || start.event?.kind === 'signal') {
        (scope.eventSubscriptionIds ??= []).push(openSubscription(run, start, { scopeId: scope.id }).id);
      } else if (start.event?.kind === 'conditional') {
        (scope.eventConditions ??= []).push({ elementId: start.id, satisfied: false });
        run.conditionsDue = true;
      }
    }
  }
}

export function disarmEventStarts(run: Run, scope: Scope): void {
  for (const timerId of scope.eventTimerIds ?? []) run.emit({ type: 'timer.cancel', timerId });
  for (const subscriptionId of scope.eventSubscriptionIds ?? []) run.emit({ type: 'subscription.close', subscriptionId });
  delete scope.eventTimerIds;
  delete scope.eventSubscriptionIds;
  delete scope.eventConditions;
}

/** Undoes what a cancelled token waited for (a scope it waits for is cancelled by the lifecycle). */
export function cancelWait(run: Run, wait: Exclude<Wait, { kind: 'scope' }>): void {
  switch (wait.kind) {
    case 'task':
      run.emit({ type: 'task.close', taskId: wait.taskId, outcome: 'cancelled' });
      break;
    case 'timer':
      run.emit({ type: 'timer.cancel', timerId: wait.timerId });
      break;
    case 'message':
    case 'signal':
      run.emit({ type: 'subscription.close', subscriptionId: wait.subscriptionId });
      break;
    case 'job':
      run.emit({ type: 'job.cancel', jobId: wait.jobId });
      break;
    case 'call':
      run.emit({ type: 'instance.terminateChild', childInstanceId: wait.childInstanceId });
      break;
    case 'eventGateway':
      for (const timerId of wait.timerIds) run.emit({ type: 'timer.cancel', timerId });
      for (const subscriptionId of wait.subscriptionIds) run.emit({ type: 'subscription.close', subscriptionId });
      break;
    default:
      break;
  }
}
