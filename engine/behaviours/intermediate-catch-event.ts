import { AppError } from '../errors.ts';
import { openSubscription, scheduleTimer } from '../core/waits.ts';
import type { ElementBehaviour } from './behaviour.ts';
import { waitForCondition } from './conditional-event.ts';
import { waitForSignal } from './signal-event.ts';

/** Waits for a timer, a message, a signal or a condition; a link's catch goes straight on. */
export const intermediateCatchEvent: ElementBehaviour = {
  enter(run, token, el, ops) {
    if (el.event?.kind === 'link') {
      ops.complete(run, token);
    } else if (el.event?.kind === 'timer') {
      token.wait = { kind: 'timer', timerId: scheduleTimer(run, el, { tokenId: token.id, scopeId: token.scopeId }) };
    } else if (el.event?.kind === 'message') {
      const { id, messageName } = openSubscription(run, el, { tokenId: token.id, scopeId: token.scopeId });
      token.wait = { kind: 'message', subscriptionId: id, messageName };
    } else if (el.event?.kind === 'signal') {
      waitForSignal(run, token, el);
    } else if (el.event?.kind === 'conditional') {
      waitForCondition(run, token);
    } else {
      throw new AppError('definition-invalid', `Catch event "${el.id}" has no timer, message, signal or condition`);
    }
  },
};
