import { AppError } from '../errors.ts';
import type { ElementDef } from '../model/definition.ts';
import type { Run } from './run.ts';
import type { Token } from './types.ts';

/**
 * The outgoing flows a token takes: those without a condition or whose condition is true (the
 * default flow excluded), else the default flow. `first` stops at the first one (an exclusive
 * gateway), so later conditions are not evaluated. No outgoing flow at all: none, the token ends.
 */
export function selectFlows(run: Run, token: Token, el: ElementDef, options: { first?: boolean } = {}): string[] {
  if (el.outgoing.length === 0) return [];
  const open = (id: string): boolean => {
    if (id === el.default) return false;
    const condition = run.def.flows[id]!.condition;
    return !condition || run.condition(condition, token.scopeId);
  };
  if (options.first) {
    const chosen = el.outgoing.find(open);
    if (chosen) return [chosen];
  } else {
    const taken = el.outgoing.filter(open);
    if (taken.length > 0) return taken;
  }
  if (el.default) return [el.default];
  throw new AppError('expression-failed', el.type.endsWith('Gateway')
    ? `No condition out of gateway "${el.name ?? el.id}" is true and it has no default flow`
    : `No outgoing flow of "${el.name ?? el.id}" can be taken: no condition is true and there is no default flow`);
}
