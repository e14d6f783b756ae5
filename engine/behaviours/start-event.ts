import type { ElementBehaviour } from './behaviour.ts';

/** A start event has nothing to wait for once its trigger has happened. */
export const startEvent: ElementBehaviour = {
  enter(run, token, _el, ops) {
    ops.complete(run, token);
  },
};
