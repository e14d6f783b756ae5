import type { Json } from '../core/types.ts';
import type { ElementBehaviour } from './behaviour.ts';
import { evaluateMappings } from './mappings.ts';

/** Starts an instance of another deployed procedure and waits for it to end. */
export const callActivity: ElementBehaviour = {
  enter(run, token, el) {
    const call = el.call!;
    const key = String(run.attribute(call.calledElement, token.scopeId));
    const variables: Record<string, Json> = call.inputs ? evaluateMappings(run, el, call.inputs, token.scopeId, 'input') : { ...run.variablesFor(token.scopeId) };
    const childInstanceId = run.ctx.newId();
    run.emit({
      type: 'instance.spawn',
      childInstanceId,
      key,
      ...(call.binding === 'version' && call.version !== undefined ? { version: call.version } : {}),
      variables,
      ...(run.state.businessKey ? { businessKey: run.state.businessKey } : {}),
      parentTokenId: token.id,
    });
    run.event('call.started', el.id, { childInstanceId, key });
    token.wait = { kind: 'call', childInstanceId };
  },
};
