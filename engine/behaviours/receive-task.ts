import { openSubscription } from '../core/waits.ts';
import type { ElementBehaviour } from './behaviour.ts';

/** Waits for a message correlated to this instance. */
export const receiveTask: ElementBehaviour = {
  enter(run, token, el) {
    const { id, messageName } = openSubscription(run, el, { tokenId: token.id, scopeId: token.scopeId });
    token.wait = { kind: 'message', subscriptionId: id, messageName };
  },
};
