import { selectFlows } from '../core/select-flows.ts';
import type { Run } from '../core/run.ts';
import type { Definition, ElementDef } from '../model/definition.ts';
import type { ElementBehaviour, Lifecycle } from './behaviour.ts';
import { arrivalsAt, fireJoin } from './parallel-gateway.ts';

const reachCache = new WeakMap<Definition, Map<string, Set<string>>>();

/** Elements reachable from `from` by sequence flows and boundary events (memoised per definition). */
function reachableFrom(def: Definition, from: string): Set<string> {
  let byDef = reachCache.get(def);
  if (!byDef) reachCache.set(def, (byDef = new Map()));
  const cached = byDef.get(from);
  if (cached) return cached;
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const el = def.elements[stack.pop()!];
    if (!el) continue;
    const next = [...el.outgoing.map((f) => def.flows[f]!.target), ...(el.boundary ?? [])];
    for (const id of next) if (!seen.has(id)) { seen.add(id); stack.push(id); }
  }
  byDef.set(from, seen);
  return seen;
}

/**
 * An inclusive join fires once no other token of its scope can still reach it
 * (the BPMN 2.0 rule), so it waits only for branches that were actually taken.
 */
function tryInclusiveJoin(run: Run, el: ElementDef, scopeId: string, ops: Lifecycle): boolean {
  const arrived = arrivalsAt(run, el, scopeId);
  if (arrived.length === 0) return false;
  const arrivedFlows = new Set(arrived.map((t) => t.viaFlow));
  const pending = run.tokensIn(scopeId).some((t) => t.elementId !== el.id && reachableFrom(run.def, t.elementId).has(el.id));
  if (pending && arrivedFlows.size < el.incoming.length) return false;
  const firstPerFlow = [...arrivedFlows].map((f) => arrived.find((t) => t.viaFlow === f)!);
  // Tokens beyond one per flow stay for the next round of the join.
  fireJoin(run, firstPerFlow, el, selectFlows(run, firstPerFlow[0]!, el), ops);
  return true;
}

export const inclusiveGateway: ElementBehaviour = {
  enter(run, token, el, ops) {
    if (el.incoming.length <= 1) {
      run.event('element.completed', el.id);
      ops.leave(run, token, selectFlows(run, token, el));
      return;
    }
    token.wait = { kind: 'join' };
    // Decided after the step has moved every other token: see settleInclusiveJoins.
  },
};

/** Fires every inclusive join that has become ready; repeats until nothing changes. */
export function settleInclusiveJoins(run: Run, ops: Lifecycle): void {
  let fired = true;
  while (fired) {
    fired = false;
    const waiting = run.state.tokens.filter((t) => t.wait?.kind === 'join' && run.element(t.elementId).type === 'inclusiveGateway');
    const seen = new Set<string>();
    for (const t of waiting) {
      const key = `${t.scopeId}|${t.elementId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (tryInclusiveJoin(run, run.element(t.elementId), t.scopeId, ops)) {
        run.drain();
        fired = true;
        break;
      }
    }
  }
}
