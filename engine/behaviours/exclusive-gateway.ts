import { selectFlows } from '../core/select-flows.ts';
import type { ElementBehaviour } from './behaviour.ts';

/** Takes the first outgoing flow whose condition holds, else the default flow. */
export const exclusiveGateway: ElementBehaviour = {
  enter(run, token, el, ops) {
    run.event('element.completed', el.id);
    ops.leave(run, token, selectFlows(run, token, el, { first: true }));
  },
};
