import type { ElementDef } from '../model/definition.ts';
import type { Run } from '../core/run.ts';
import type { Scope, Token, Variables } from '../core/types.ts';

/**
 * The shared lifecycle operations (engine/core/lifecycle.ts) a behaviour may call. They are handed
 * to it rather than imported, so behaviours depend on the core's types only and the lifecycle,
 * which calls the behaviours, is not imported back.
 */
export interface Lifecycle {
  /** A token reaches an element (from a flow, a start or a new inner instance). */
  arrive(run: Run, token: Token, elementId: string, viaFlow?: string): void;
  /** The element's own work is done: apply its outputs and move on. */
  complete(run: Run, token: Token, variables?: Variables): void;
  /** Moves the token along the given flows, or along those its conditions select. */
  leave(run: Run, token: Token, flows?: string[]): void;
  endToken(run: Run, token: Token): void;
  checkScopeDone(run: Run, scopeId: string): void;
  finishInstance(run: Run, status: 'completed' | 'terminated'): void;
  cancelToken(run: Run, token: Token): void;
  cancelScope(run: Run, scopeId: string): void;
  throwError(run: Run, from: { token?: Token; scopeId: string }, errorCode: string, message?: string): void;
  armEventStarts(run: Run, scope: Scope, eventSubProcesses: string[]): void;
  /** A boundary event fires on an activity's token (interrupting it unless cancelActivity is false). */
  triggerBoundary(run: Run, activityToken: Token, boundary: ElementDef, variables?: Variables): void;
  /** An event sub-process starts inside the scope it belongs to. */
  startEventSubProcess(run: Run, scope: Scope, start: ElementDef, variables?: Variables): void;
  /** The token whose boundary events apply: a multi-instance activity's body token for an inner instance. */
  ownerForBoundary(run: Run, token: Token): Token;
  /** The event sub-processes directly inside a scope. */
  eventSubProcessesOf(run: Run, scope: Scope): string[];
}

/** What one kind of BPMN element does when a token arrives at it. */
export interface ElementBehaviour {
  enter(run: Run, token: Token, el: ElementDef, ops: Lifecycle): void;
}
