import { createsJob } from '../model/element-registry.ts';
import type { ElementBehaviour } from './behaviour.ts';
import { recordMessageSent } from './message-throw.ts';
import { enqueueJob } from './service-task.ts';

/** A none throw event is a milestone; a message throw records (or, with a handler, delivers) the message. */
export const intermediateThrowEvent: ElementBehaviour = {
  enter(run, token, el, ops) {
    if (createsJob(el)) {
      enqueueJob(run, token, el);
      return;
    }
    if (el.event?.kind === 'message') recordMessageSent(run, token, el);
    ops.complete(run, token);
  },
};
