/**
 * What the compiler refused or left aside, kept so the checks that follow can tell a first cause
 * from its echo: what lies beyond a refused element is not checked (rather than called unreachable),
 * a gateway's flows to it still count, and a flow whose condition was refused is not "without one".
 */
export interface RefusedElement {
  /** The BPMN type as written. */
  type: string;
  name?: string;
  parent?: string;
  attachedTo?: string;
  incoming: string[];
  outgoing: string[];
}

export interface Refusals {
  elements: Map<string, RefusedElement>;
  /** Flows whose condition was refused (a language or expression Dosar cannot evaluate). */
  conditions: Set<string>;
  /**
   * Activities run only by compensation (isForCompensation): reached through a compensation event,
   * never by a flow, so the flow graph says nothing about them.
   */
  compensationHandlers: Set<string>;
}

export function noRefusals(): Refusals {
  return { elements: new Map(), conditions: new Set(), compensationHandlers: new Set() };
}
