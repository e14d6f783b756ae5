import type { Run } from '../core/run.ts';
import type { Token } from '../core/types.ts';
import { AppError } from '../errors.ts';
import type { ElementDef } from '../model/definition.ts';
import { implicitStarts } from '../model/implicit-start.ts';
import type { Lifecycle } from './behaviour.ts';

/**
 * The inner elements an ad-hoc sub-process starts on entry: those its active elements collection
 * names, else every one with no incoming flow (as a sub-process without a start event starts).
 * Camunda 8 would wait for a list left empty to be filled through its API; Dosar has no such door,
 * so an empty list starts nothing and the sub-process is done at once.
 */
export function adHocStarts(run: Run, token: Token, el: ElementDef): string[] {
  const expression = el.adHoc!.activeElements;
  if (!expression) return implicitStarts(run.def, el.id);
  const ids = run.evaluate(expression, token.scopeId);
  const inner = new Set((el.children ?? []).filter((id) => { const child = run.element(id); return child.type !== 'boundaryEvent' && !child.triggeredByEvent; }));
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !inner.has(id))) {
    throw new AppError('expression-failed', `The active elements of ad-hoc sub-process "${el.id}" must be a list of its inner elements' ids (${[...inner].join(', ')}); "${expression}" gave ${JSON.stringify(ids)}`);
  }
  return [...new Set(ids as string[])];
}

/**
 * An element inside an ad-hoc sub-process has completed: once the sub-process's completion
 * condition holds, nothing more starts inside it (the token goes no further) and, unless
 * cancelRemainingInstances is false, what still runs there is cancelled, so the sub-process ends.
 * False when the token should move on as usual.
 */
export function adHocCompleted(run: Run, token: Token, ops: Lifecycle): boolean {
  const scope = run.findScope(token.scopeId);
  if (scope?.kind !== 'subProcess') return false;
  const adHoc = run.element(scope.elementId).adHoc;
  if (!adHoc?.completion || !run.condition(adHoc.completion, scope.id)) return false;
  if (adHoc.cancelRemaining) {
    for (const other of run.tokensIn(scope.id)) if (other.id !== token.id) ops.cancelToken(run, other);
    for (const child of run.childScopes(scope.id)) ops.cancelScope(run, child.id);
  }
  ops.endToken(run, token);
  return true;
}
