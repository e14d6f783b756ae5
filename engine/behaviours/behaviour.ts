import type { ElementDef } from '../model/definition.ts';
import type { Run } from '../core/run.ts';
import type { Token } from '../core/types.ts';

/** What one kind of BPMN element does when a token arrives at it. */
export interface ElementBehaviour {
  enter(run: Run, token: Token, el: ElementDef): void;
}
