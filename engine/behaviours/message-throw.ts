import type { ElementDef } from '../model/definition.ts';
import type { Run } from '../core/run.ts';
import type { Token } from '../core/types.ts';

/** Records a thrown message with the variables it carries; delivery is a handler's job. */
export function recordMessageSent(run: Run, token: Token, el: ElementDef): void {
  const name = el.event?.kind === 'message' ? el.event.messageName : el.name ?? el.id;
  run.event('message.sent', el.id, { name, variables: run.variablesFor(token.scopeId) });
}
