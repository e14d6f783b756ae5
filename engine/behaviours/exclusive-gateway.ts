import { AppError } from '../errors.ts';
import { leave } from '../core/lifecycle.ts';
import type { ElementBehaviour } from './behaviour.ts';

/** Takes the first outgoing flow whose condition holds, else the default flow. */
export const exclusiveGateway: ElementBehaviour = {
  enter(run, token, el) {
    run.event('element.completed', el.id);
    if (el.outgoing.length === 0) {
      leave(run, token, []);
      return;
    }
    const chosen = el.outgoing.find((id) => {
      const condition = run.def.flows[id]!.condition;
      return id !== el.default && (!condition || run.condition(condition, token.scopeId));
    }) ?? el.default;
    if (!chosen) {
      throw new AppError('expression-failed', `No condition out of gateway "${el.name ?? el.id}" is true and it has no default flow`);
    }
    leave(run, token, [chosen]);
  },
};
