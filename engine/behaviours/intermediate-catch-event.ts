import { AppError } from '../errors.ts';
import { openSubscription, scheduleTimer } from '../core/waits.ts';
import type { ElementBehaviour } from './behaviour.ts';

/** Waits for a timer or a message. */
export const intermediateCatchEvent: ElementBehaviour = {
  enter(run, token, el) {
    if (el.event?.kind === 'timer') {
      token.wait = { kind: 'timer', timerId: scheduleTimer(run, el, { tokenId: token.id, scopeId: token.scopeId }) };
    } else if (el.event?.kind === 'message') {
      const { id, messageName } = openSubscription(run, el, { tokenId: token.id, scopeId: token.scopeId });
      token.wait = { kind: 'message', subscriptionId: id, messageName };
    } else {
      throw new AppError('definition-invalid', `Catch event "${el.id}" has no timer or message`);
    }
  },
};
