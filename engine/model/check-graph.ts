import type { Definition } from './definition.ts';
import { isWaitState } from './element-registry.ts';
import { implicitStarts } from './implicit-start.ts';
import type { Refusals } from './refused.ts';

/** Checks on the flow graph: where it starts, what it reaches, and loops that never wait. */

/** Where BPMN starts a process or sub-process without a start event, counting refused elements too. */
export function implicitStartsWithRefused(def: Definition, refusals: Refusals, parent: string | undefined): string[] {
  const compiled = implicitStarts(def, parent).filter((id) => !refusals.compensationHandlers.has(id));
  const others = [...refusals.elements.entries()]
    .filter(([, r]) => r.parent === parent && r.incoming.length === 0 && r.type !== 'bpmn:BoundaryEvent' && !r.attachedTo)
    .map(([id]) => id);
  return [...compiled, ...others];
}

/** Elements no start can reach; a refused element is passed through, as if it ran. */
export function unreachable(def: Definition, refusals: Refusals): string[] {
  const refused = refusals.elements;
  const reached = new Set<string>();
  const stack: string[] = [];
  const visit = (id: string) => { if (!reached.has(id) && (def.elements[id] || refused.has(id))) { reached.add(id); stack.push(id); } };
  const refusedStarts = (parent: string | undefined) => [...refused.entries()].filter(([, r]) => r.type === 'bpmn:StartEvent' && r.parent === parent).map(([id]) => id);
  const attachedTo = (host: string) => [...Object.values(def.elements).filter((el) => el.attachedTo === host).map((el) => el.id), ...[...refused.entries()].filter(([, r]) => r.attachedTo === host).map(([id]) => id)];
  const startsOf = (starts: string[], parent: string | undefined) => {
    const refusedHere = refusedStarts(parent);
    return starts.length + refusedHere.length > 0 ? [...starts, ...refusedHere] : implicitStartsWithRefused(def, refusals, parent);
  };
  startsOf(def.startEvents, undefined).forEach(visit);
  def.eventSubProcesses.forEach(visit);
  while (stack.length > 0) {
    const id = stack.pop()!;
    const el = def.elements[id];
    if (!el) {
      for (const flowId of refused.get(id)!.outgoing) visit(def.flows[flowId]!.target);
      attachedTo(id).forEach(visit);
      continue;
    }
    for (const flowId of el.outgoing) visit(def.flows[flowId]!.target);
    for (const b of el.boundary ?? []) visit(b);
    if (el.compensateWith) visit(el.compensateWith);
    attachedTo(id).forEach(visit);
    if (el.type === 'subProcess') {
      // An ad-hoc sub-process may start any of its elements (its active elements collection names them at run time).
      if (el.adHoc) (el.children ?? []).forEach(visit);
      else startsOf(el.startEvents ?? [], el.id).forEach(visit);
      for (const e of el.eventSubProcesses ?? []) visit(e);
    }
  }
  return Object.keys(def.elements).filter((id) => !reached.has(id) && !refusals.compensationHandlers.has(id));
}

/** Cycles among elements that never wait (Tarjan's strongly connected components). */
export function cyclesWithoutWaitState(def: Definition): string[][] {
  const nodes = Object.values(def.elements).filter((el) => !isWaitState(el)).map((el) => el.id);
  const inGraph = new Set(nodes);
  const next = (id: string) => def.elements[id]!.outgoing.map((f) => def.flows[f]!.target).filter((t) => inGraph.has(t));
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const strongConnect = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!indices.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indices.get(w)!));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next(v).includes(v)) cycles.push(component.reverse());
    }
  };
  for (const v of nodes) if (!indices.has(v)) strongConnect(v);
  return cycles;
}
