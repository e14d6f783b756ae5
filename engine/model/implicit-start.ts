import type { Definition } from './definition.ts';

/**
 * Where BPMN starts a process or sub-process that has no start event (BPMN 2.0.2, 10.5.2: "all Flow
 * Objects that do not have an incoming Sequence Flow SHALL be instantiated"): every flow node in it
 * with no incoming flow, apart from boundary events, event sub-processes and compensation handlers,
 * which their own triggers start.
 */
export function implicitStarts(def: Definition, parent: string | undefined): string[] {
  return Object.values(def.elements)
    .filter((el) => el.parent === parent && el.incoming.length === 0 && el.type !== 'boundaryEvent' && !el.triggeredByEvent && !el.forCompensation)
    .map((el) => el.id);
}
