import type { ElementBehaviour } from './behaviour.ts';

/** Manual and untyped tasks are done outside the system: the token passes through. */
export const manualTask: ElementBehaviour = {
  enter(run, token, _el, ops) {
    ops.complete(run, token);
  },
};
