import type { Run } from '../core/run.ts';
import type { Token } from '../core/types.ts';
import type { ElementDef } from '../model/definition.ts';
import type { ElementBehaviour, Lifecycle } from './behaviour.ts';

/** Waiting tokens at a joining gateway, one per incoming flow that has been reached. */
export function arrivalsAt(run: Run, el: ElementDef, scopeId: string): Token[] {
  return run.tokensIn(scopeId).filter((t) => t.elementId === el.id && t.wait?.kind === 'join');
}

/** Merges the arrived tokens into the first one and moves it on. */
export function fireJoin(run: Run, arrived: Token[], el: ElementDef, flows: string[], ops: Lifecycle): void {
  const [first, ...rest] = arrived;
  for (const t of rest) run.removeToken(t.id);
  first!.wait = undefined;
  run.event('element.completed', el.id);
  ops.leave(run, first!, flows);
}

/** Forks to every outgoing flow; joins by waiting for one token on every incoming flow. */
export const parallelGateway: ElementBehaviour = {
  enter(run, token, el, ops) {
    if (el.incoming.length <= 1) {
      run.event('element.completed', el.id);
      ops.leave(run, token, el.outgoing);
      return;
    }
    token.wait = { kind: 'join' };
    const arrived = arrivalsAt(run, el, token.scopeId);
    const firstPerFlow = el.incoming.map((flowId) => arrived.find((t) => t.viaFlow === flowId));
    if (firstPerFlow.every(Boolean)) fireJoin(run, firstPerFlow as Token[], el, el.outgoing, ops);
  },
};
