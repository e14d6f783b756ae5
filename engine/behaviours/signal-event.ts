import type { Run } from '../core/run.ts';
import type { Token, Variables } from '../core/types.ts';
import { openSubscription } from '../core/waits.ts';
import type { ElementDef } from '../model/definition.ts';

/**
 * Signal events. A throw (intermediate or end) broadcasts the name with the variables its input
 * mappings give (none without mappings); the store hands the broadcast to every subscription to
 * that name in the same transaction (engine/runtime/signal-deliverer.ts). A catch waits on a
 * subscription; boundary and event sub-process starts are armed with their activity or scope.
 */
export function throwSignal(run: Run, token: Token, el: ElementDef): void {
  if (el.event?.kind !== 'signal') return;
  const signalName = String(run.attribute(el.event.signalName, token.scopeId));
  const variables: Variables = {};
  for (const m of el.inputs ?? []) variables[m.target] = run.evaluate(m.source, token.scopeId);
  run.emit({ type: 'signal.broadcast', signalName, variables });
  run.event('signal.thrown', el.id, { name: signalName });
}

/** An intermediate signal catch event: waits for a broadcast of its name. */
export function waitForSignal(run: Run, token: Token, el: ElementDef): void {
  const { id, messageName } = openSubscription(run, el, { tokenId: token.id, scopeId: token.scopeId });
  token.wait = { kind: 'signal', subscriptionId: id, signalName: messageName };
}
