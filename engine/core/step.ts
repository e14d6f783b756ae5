import { AppError } from '../errors.ts';
import type { Definition } from '../model/definition.ts';
import { implicitStarts } from '../model/implicit-start.ts';
import { settleInclusiveJoins } from '../behaviours/inclusive-gateway.ts';
import { takeEventBranch } from '../behaviours/event-based-gateway.ts';
import { childEscalated } from '../behaviours/escalation-event.ts';
import { armEventStarts } from './arming.ts';
import {
  arrive,
  cancelToken,
  complete,
  finishInstance,
  ops,
  raiseIncident,
  startEventSubProcess,
  throwError,
  triggerBoundary,
} from './lifecycle.ts';
import { Run } from './run.ts';
import type { Command, InstanceState, StepContext, StepResult, SubscriptionRecord, Token, Variables } from './types.ts';
import { rescheduleCycle } from './waits.ts';
import { evaluateMappings } from '../behaviours/mappings.ts';
import { changeDeadline, deadlineStatusOf, startDeadline } from './deadline.ts';
import { catchSignal } from './catch-signal.ts';
import { fireConditions } from './conditions.ts';

/**
 * The engine's pure core: applies one command to an instance's state and returns the new state
 * with the effects the store must write in the same transaction. No I/O, no clock, no randomness.
 */
export function step(def: Definition, state: InstanceState | null, command: Command, ctx: StepContext): StepResult {
  if (command.type === 'start') {
    const run = new Run(def, initialState(def, command), ctx);
    start(run, command.startEventId, command.variables);
    return finish(run);
  }
  if (!state) throw new AppError('instance-not-found', `Instance ${ctx.instanceId} does not exist`);
  if (state.status === 'completed' || state.status === 'terminated') {
    throw new AppError('instance-not-active', `Instance ${ctx.instanceId} has ended (${state.status})`);
  }
  const run = new Run(def, structuredClone(state), ctx);
  dispatch(run, command);
  return finish(run);
}

function finish(run: Run): StepResult {
  run.drain();
  settleInclusiveJoins(run, ops);
  // Conditional events see the variables as the step leaves them; what fires may join again.
  if (fireConditions(run)) settleInclusiveJoins(run, ops);
  return { state: run.state, effects: run.effects };
}

function initialState(def: Definition, command: Extract<Command, { type: 'start' }>): InstanceState {
  return {
    schema: 1,
    status: 'active',
    ...(command.businessKey ? { businessKey: command.businessKey } : {}),
    seq: 0,
    scopes: [{ id: 'root', kind: 'process', elementId: def.key, variables: { ...command.variables } }],
    tokens: [],
    ...(command.parent ? { parent: command.parent } : {}),
  };
}

function start(run: Run, startEventId: string | undefined, variables: Variables): void {
  const startId = startEventId ?? run.def.startEvents.find((id) => (run.element(id).event?.kind ?? 'none') === 'none');
  // Without any start event BPMN starts at every node with no incoming flow (implicit-start.ts).
  const starts = !startEventId && run.def.startEvents.length === 0 ? implicitStarts(run.def, undefined) : startId ? [startId] : [];
  if (starts.length === 0 || (startId && !run.def.startEvents.includes(startId))) {
    throw new AppError('bad-input', startEventId
      ? `"${startEventId}" is not a start event of ${run.def.key}`
      : `${run.def.key} has no none start event: it starts by a message or a timer`);
  }
  run.event('instance.started', undefined, Object.keys(variables).length > 0 ? { variables } : undefined);
  startDeadline(run);
  armEventStarts(run, run.scope('root'), run.def.eventSubProcesses);
  // Every token exists before any moves, so one that ends at once does not end the instance alone.
  for (const id of starts) {
    const token = run.newToken(id, 'root');
    run.later(() => arrive(run, token, id));
  }
}

function findToken(run: Run, predicate: (t: Token) => boolean, what: string): Token {
  const token = run.state.tokens.find(predicate);
  if (!token) throw new AppError('not-found', `${what} is not awaited by instance ${run.ctx.instanceId}`);
  return token;
}

function dispatch(run: Run, command: Exclude<Command, { type: 'start' }>): void {
  switch (command.type) {
    case 'completeTask': {
      const token = run.state.tokens.find((t) => t.wait?.kind === 'task' && t.wait.taskId === command.taskId);
      if (!token) throw new AppError('task-not-open', `Task ${command.taskId} is not open`);
      run.emit({ type: 'task.close', taskId: command.taskId, outcome: 'completed' });
      run.event('task.completed', token.elementId, { taskId: command.taskId });
      complete(run, token, command.variables);
      return;
    }
    case 'fireTimer':
      fireTimer(run, command.timer);
      return;
    case 'correlateMessage':
      correlate(run, command.subscription, command.variables);
      return;
    case 'catchSignal':
      catchSignal(run, command.subscription, command.variables);
      return;
    case 'completeJob': {
      const token = findToken(run, (t) => t.wait?.kind === 'job' && t.wait.jobId === command.jobId, `Job ${command.jobId}`);
      run.emit({ type: 'job.cancel', jobId: command.jobId });
      run.event('job.completed', token.elementId, { jobId: command.jobId });
      complete(run, token, command.variables);
      return;
    }
    case 'throwJobError': {
      const token = findToken(run, (t) => t.wait?.kind === 'job' && t.wait.jobId === command.jobId, `Job ${command.jobId}`);
      if (command.variables) run.setVariables(token.scopeId, command.variables);
      run.emit({ type: 'job.cancel', jobId: command.jobId });
      token.wait = undefined;
      throwError(run, { token, scopeId: token.scopeId }, command.errorCode, command.message);
      return;
    }
    case 'raiseIncident': {
      if (command.timer) {
        // The timer cannot fire (its step failed): drop it so it does not fail again and again.
        run.emit({ type: 'timer.cancel', timerId: command.timer.id });
        raiseIncident(run, command.timer.elementId, command.message);
        return;
      }
      if (command.elementId) {
        // A signal that could not be delivered: the instance stops for a person to look at it.
        raiseIncident(run, command.elementId, command.message);
        return;
      }
      const token = findToken(run, (t) => t.wait?.kind === 'job' && t.wait.jobId === command.jobId, `Job ${command.jobId}`);
      raiseIncident(run, token.elementId, command.message, command.jobId);
      return;
    }
    case 'resolveIncident': {
      if (run.state.status !== 'incident') throw new AppError('conflict', `Instance ${run.ctx.instanceId} has no incident`);
      run.state.status = 'active';
      const elementId = run.state.incident?.elementId;
      delete run.state.incident;
      run.event('incident.resolved', elementId);
      return;
    }
    case 'childCompleted': {
      const token = findToken(run, (t) => t.wait?.kind === 'call' && t.wait.childInstanceId === command.childInstanceId, `Called instance ${command.childInstanceId}`);
      const el = run.element(token.elementId);
      const outputs = el.call?.outputs;
      if (outputs) {
        complete(run, token, evaluateMappings(run, el, outputs, token.scopeId, 'output', command.variables));
      } else {
        complete(run, token, command.variables);
      }
      return;
    }
    case 'childFailed': {
      const token = findToken(run, (t) => t.wait?.kind === 'call' && t.wait.childInstanceId === command.childInstanceId, `Called instance ${command.childInstanceId}`);
      token.wait = undefined;
      throwError(run, { token, scopeId: token.scopeId }, command.errorCode, command.message);
      return;
    }
    case 'childEscalated': {
      // The called instance goes on; an interrupting catcher cancels the call, which terminates it.
      const token = findToken(run, (t) => t.wait?.kind === 'call' && t.wait.childInstanceId === command.childInstanceId, `Called instance ${command.childInstanceId}`);
      childEscalated(run, token, command.escalationCode, ops);
      return;
    }
    case 'terminate':
      for (const token of [...run.state.tokens]) cancelToken(run, token);
      finishInstance(run, 'terminated');
      return;
    case 'deadline':
      if (command.action === 'extend') {
        changeDeadline(run, { type: 'extended', amount: command.amount ?? NaN, unit: command.unit ?? 'days', ...(command.reason ? { reason: command.reason } : {}), ...(command.source ? { source: command.source } : {}) });
      } else {
        changeDeadline(run, { type: command.action === 'suspend' ? 'suspended' : 'resumed', ...(command.reason ? { reason: command.reason } : {}) });
      }
      return;
    case 'setVariables':
      run.setVariables('root', command.variables);
      run.event('variables.updated', undefined, { names: Object.keys(command.variables) });
      return;
  }
}

function fireTimer(run: Run, timer: Extract<Command, { type: 'fireTimer' }>['timer']): void {
  const id = timer.id;
  const el = run.element(timer.elementId);
  run.emit({ type: 'timer.cancel', timerId: id });
  run.event('timer.fired', el.id, { timerId: id });
  if (el.attrs?.tacitApproval === 'true') {
    // OUG 27/2003: the term expired with no decision, so the request is deemed approved.
    run.setVariables('root', { tacitApproval: true });
    run.event('clock.tacit-approval', el.id, { source: 'OUG 27/2003', due: run.state.clock ? deadlineStatusOf(run)?.due ?? null : null });
  }
  for (const token of run.state.tokens) {
    if (token.wait?.kind === 'timer' && token.wait.timerId === id) {
      complete(run, token);
      return;
    }
    if (token.wait?.kind === 'eventGateway' && token.wait.timerIds.includes(id)) {
      takeEventBranch(run, token, el.id, id, ops);
      return;
    }
    const armed = token.boundaryTimerIds?.indexOf(id) ?? -1;
    if (armed >= 0) {
      token.boundaryTimerIds!.splice(armed, 1);
      if (el.cancelActivity === false) {
        const next = rescheduleCycle(run, timer, { tokenId: token.id, scopeId: token.scopeId });
        if (next) token.boundaryTimerIds!.push(next);
      }
      triggerBoundary(run, token, el);
      return;
    }
  }
  for (const scope of run.state.scopes) {
    const armed = scope.eventTimerIds?.indexOf(id) ?? -1;
    if (armed >= 0) {
      scope.eventTimerIds!.splice(armed, 1);
      if (el.isInterrupting === false) {
        const next = rescheduleCycle(run, timer, { scopeId: scope.id });
        if (next) scope.eventTimerIds!.push(next);
      }
      startEventSubProcess(run, scope, el);
      return;
    }
  }
  throw new AppError('not-found', `Timer ${id} is no longer armed in instance ${run.ctx.instanceId}`);
}

function correlate(run: Run, subscription: SubscriptionRecord, variables: Variables): void {
  const subscriptionId = subscription.id;
  const target = run.element(subscription.elementId);
  for (const token of run.state.tokens) {
    const wait = token.wait;
    if (wait?.kind === 'message' && wait.subscriptionId === subscriptionId) {
      run.emit({ type: 'subscription.close', subscriptionId });
      run.event('message.correlated', token.elementId, { name: wait.messageName });
      complete(run, token, variables);
      return;
    }
    if (wait?.kind === 'eventGateway' && wait.subscriptionIds.includes(subscriptionId)) {
      run.emit({ type: 'subscription.close', subscriptionId });
      run.event('message.correlated', target.id, { name: subscription.messageName });
      takeEventBranch(run, token, target.id, subscriptionId, ops, variables);
      return;
    }
    if (token.boundarySubscriptionIds?.includes(subscriptionId)) {
      const boundary = target;
      // A non-interrupting boundary keeps listening; an interrupting one is closed with its activity.
      if (boundary.cancelActivity !== false) {
        token.boundarySubscriptionIds = token.boundarySubscriptionIds.filter((s) => s !== subscriptionId);
        run.emit({ type: 'subscription.close', subscriptionId });
      }
      run.event('message.correlated', boundary.id, { name: subscription.messageName });
      triggerBoundary(run, token, boundary, variables);
      return;
    }
  }
  for (const scope of run.state.scopes) {
    const armed = scope.eventSubscriptionIds?.indexOf(subscriptionId) ?? -1;
    if (armed >= 0) {
      const start = target;
      if (start.isInterrupting !== false) {
        scope.eventSubscriptionIds!.splice(armed, 1);
        run.emit({ type: 'subscription.close', subscriptionId });
      }
      run.event('message.correlated', start.id, { name: subscription.messageName });
      startEventSubProcess(run, scope, start, variables);
      return;
    }
  }
  throw new AppError('message-not-correlated', `No element of instance ${run.ctx.instanceId} waits for this message`);
}
