import { createsJob } from '../model/element-registry.ts';
import type { ElementBehaviour } from './behaviour.ts';
import { recordMessageSent } from './message-throw.ts';
import { enqueueJob } from './service-task.ts';

/** With a handler a send task is delivered by a job; without one the message is recorded and the token moves on. */
export const sendTask: ElementBehaviour = {
  enter(run, token, el, ops) {
    if (createsJob(el)) {
      enqueueJob(run, token, el);
      return;
    }
    recordMessageSent(run, token, el);
    ops.complete(run, token);
  },
};
