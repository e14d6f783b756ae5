import { AppError } from '../errors.ts';
import type { Run } from '../core/run.ts';
import type { Json, Scope, Token } from '../core/types.ts';
import type { ElementDef } from '../model/definition.ts';
import type { Lifecycle } from './behaviour.ts';

/**
 * Multi-instance activities: a body scope owned by the activity's token holds the bookkeeping;
 * each inner instance is a child scope with its own token at the same element.
 */
export function enterMultiInstance(run: Run, token: Token, el: ElementDef, ops: Lifecycle): void {
  const loop = el.loop!;
  let items: Json[] | undefined;
  let total: number;
  if (loop.collection) {
    const value = run.evaluate(loop.collection, token.scopeId);
    if (!Array.isArray(value)) throw new AppError('expression-failed', `The collection "${loop.collection}" of "${el.name ?? el.id}" is not a list`);
    items = value;
    total = value.length;
  } else {
    const value = loop.cardinality ? run.evaluate(loop.cardinality, token.scopeId) : null;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new AppError('expression-failed', `The loop cardinality of "${el.name ?? el.id}" must be a whole number, got ${JSON.stringify(value)}`);
    }
    total = value;
  }
  const body = run.newScope('multiInstanceBody', el.id, token.scopeId, {
    ownerTokenId: token.id,
    loop: { total, completed: 0, nextIndex: 0, ...(items ? { items } : {}), outputs: [] },
  });
  token.wait = { kind: 'scope', scopeId: body.id };
  if (total === 0) {
    finishBody(run, body, el, ops);
    return;
  }
  const startNow = loop.sequential ? 1 : total;
  for (let i = 0; i < startNow; i++) startInner(run, body, el, ops);
}

function startInner(run: Run, body: Scope, el: ElementDef, ops: Lifecycle): void {
  const state = body.loop!;
  const index = state.nextIndex++;
  const inner = run.newScope('multiInstanceInner', el.id, body.id, { loopIndex: index });
  inner.variables.loopCounter = index + 1;
  if (el.loop!.elementVariable) inner.variables[el.loop!.elementVariable] = state.items ? state.items[index]! : index + 1;
  // As Zeebe does: the variable the output element reads starts local (null), so each instance
  // collects its own value instead of the last one written in the process scope.
  const output = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(el.loop!.outputElement ?? '')?.[1];
  if (output && !Object.hasOwn(inner.variables, output)) inner.variables[output] = null;
  const token = run.newToken(el.id, inner.id);
  run.later(() => ops.arrive(run, token, el.id));
}

function loopVariables(body: Scope) {
  const state = body.loop!;
  return {
    nrOfInstances: state.total,
    nrOfCompletedInstances: state.completed,
    nrOfActiveInstances: state.nextIndex - state.completed,
  };
}

/** Called when one inner instance's scope has ended (it is already removed from the state). */
export function innerInstanceCompleted(run: Run, inner: Scope, ops: Lifecycle): void {
  const body = run.scope(inner.parentScopeId!);
  const el = run.element(body.elementId);
  const loop = el.loop!;
  const state = body.loop!;
  const innerVars = { ...run.variablesFor(body.id), ...inner.variables };
  if (loop.outputElement) {
    state.outputs[inner.loopIndex!] = run.evaluate(loop.outputElement, body.id, innerVars);
  }
  state.completed += 1;
  const done = state.completed >= state.total
    || (loop.completionCondition !== undefined && run.condition(loop.completionCondition, body.id, { ...innerVars, ...loopVariables(body) }));
  if (done) {
    for (const other of run.childScopes(body.id)) ops.cancelScope(run, other.id);
    finishBody(run, body, el, ops);
  } else if (loop.sequential && state.nextIndex < state.total) {
    startInner(run, body, el, ops);
  }
}

function finishBody(run: Run, body: Scope, el: ElementDef, ops: Lifecycle): void {
  const owner = run.token(body.ownerTokenId!)!;
  run.removeScope(body.id);
  if (el.loop!.outputCollection) {
    const outputs = Array.from({ length: body.loop!.total }, (_, i) => body.loop!.outputs[i] ?? null);
    run.setVariables(owner.scopeId, { [el.loop!.outputCollection]: outputs });
  }
  ops.complete(run, owner);
}
