import { AppError } from '../errors.ts';
import type { Run } from './run.ts';
import type { ArmedCondition } from './types.ts';
import { complete, ops, startEventSubProcess, triggerBoundary } from './lifecycle.ts';
import { takeEventBranch } from '../behaviours/event-based-gateway.ts';

/** More rounds than any sane model needs: conditions that keep re-arming each other are a loop. */
const MAX_ROUNDS = 100;

/**
 * Conditional events (BPMN 2.0.2, 10.5.3): evaluated before a step ends whenever it changed
 * variables or armed one, until nothing more fires. An intermediate catch passes once its
 * condition holds; an interrupting boundary or event sub-process start fires once; a
 * non-interrupting one fires each time its condition goes from false to true.
 * Returns true when something fired (the caller drains the moves it queued).
 */
export function fireConditions(run: Run): boolean {
  let fired = false;
  for (let round = 0; run.conditionsDue; round++) {
    if (round >= MAX_ROUNDS) throw new AppError('expression-failed', 'Conditional events kept firing one another; the model probably loops.');
    run.conditionsDue = false;
    if (!fireOne(run)) break;
    fired = true;
    run.drain();
    run.conditionsDue = true;
  }
  return fired;
}

/** Fires the first conditional event whose condition now holds; false when none does. */
function fireOne(run: Run): boolean {
  if (run.state.status !== 'active') return false;
  for (const token of run.state.tokens) {
    if (token.wait?.kind === 'conditional') {
      const el = run.element(token.elementId);
      if (holds(run, el.id, token.scopeId)) {
        run.event('condition.met', el.id);
        complete(run, token);
        return true;
      }
    }
    if (token.wait?.kind === 'eventGateway') {
      // A conditional catch after an event-based gateway: the first whose condition holds wins.
      const targetId = conditionalBranchThatHolds(run, token.elementId, token.scopeId);
      if (targetId) {
        run.event('condition.met', targetId);
        takeEventBranch(run, token, targetId, '', ops);
        return true;
      }
    }
    for (const armed of token.boundaryConditions ?? []) {
      if (!becameTrue(run, armed, token.scopeId)) continue;
      const boundary = run.element(armed.elementId);
      run.event('condition.met', boundary.id);
      triggerBoundary(run, token, boundary);
      return true;
    }
  }
  for (const scope of run.state.scopes) {
    for (const armed of scope.eventConditions ?? []) {
      if (!becameTrue(run, armed, scope.id)) continue;
      const start = run.element(armed.elementId);
      run.event('condition.met', start.id);
      startEventSubProcess(run, scope, start);
      return true;
    }
  }
  return false;
}

function conditionalBranchThatHolds(run: Run, gatewayId: string, scopeId: string): string | undefined {
  return run.element(gatewayId).outgoing.map((f) => run.def.flows[f]!.target).find((id) => holds(run, id, scopeId));
}

function holds(run: Run, elementId: string, scopeId: string): boolean {
  const el = run.element(elementId);
  return el.event?.kind === 'conditional' && run.condition(el.event.condition, scopeId);
}

/** Evaluates an armed condition and records its value; true on a false -> true change. */
function becameTrue(run: Run, armed: ArmedCondition, scopeId: string): boolean {
  const now = holds(run, armed.elementId, scopeId);
  const was = armed.satisfied;
  armed.satisfied = now;
  return now && !was;
}
