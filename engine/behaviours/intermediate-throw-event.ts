import { createsJob } from '../model/element-registry.ts';
import type { ElementBehaviour } from './behaviour.ts';
import { throwCompensation } from './compensation-event.ts';
import { throwEscalationAndContinue } from './escalation-event.ts';
import { recordMessageSent } from './message-throw.ts';
import { enqueueJob } from './service-task.ts';
import { throwSignal } from './signal-event.ts';

/**
 * A none throw event is a milestone; a message throw records (or, with a handler, delivers) the
 * message; a signal throw broadcasts; an escalation throw is raised outwards; a compensation throw
 * waits for the handlers it runs.
 */
export const intermediateThrowEvent: ElementBehaviour = {
  enter(run, token, el, ops) {
    if (createsJob(el)) {
      enqueueJob(run, token, el);
      return;
    }
    switch (el.event?.kind) {
      case 'message':
        recordMessageSent(run, token, el);
        break;
      case 'signal':
        throwSignal(run, token, el);
        break;
      case 'escalation':
        throwEscalationAndContinue(run, token, el, ops);
        return;
      case 'compensate':
        throwCompensation(run, token, el, ops);
        return;
      default:
        break;
    }
    ops.complete(run, token);
  },
};
