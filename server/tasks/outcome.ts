import { evaluateFeel, type Definition, type ElementDef } from '../../engine/index.ts';
import type { Text } from '../procedures/package.ts';

/** The most gateways a decision's path is followed through before we stop guessing. */
const MAX_HOPS = 20;

/**
 * The end a decision leads to at once, if it does: from the task, through exclusive gateways (their
 * conditions evaluated on the decision's variables, as the engine will), to an end event of the
 * process while nothing else of the request is under way. Undefined when the path meets anything
 * else (another task, a timer, a parallel branch) or a condition cannot be evaluated: then the
 * decision does not close the request by itself, and no warning is due.
 */
export function closingEnd(definition: Definition, taskElementId: string, active: string[], variables: Record<string, unknown>, now: Date): ElementDef | undefined {
  if (active.some((id) => id !== taskElementId)) return undefined;
  let element = definition.elements[taskElementId];
  for (let hop = 0; element && hop < MAX_HOPS; hop++) {
    const flowId = element.type === 'exclusiveGateway' ? chosenFlow(definition, element, variables, now)
      : element.outgoing.length === 1 && !definition.flows[element.outgoing[0]!]?.condition ? element.outgoing[0] : undefined;
    const next = flowId ? definition.elements[definition.flows[flowId]!.target] : undefined;
    if (!next) return undefined;
    if (next.type === 'endEvent') return next.parent ? undefined : next;
    if (next.type !== 'exclusiveGateway') return undefined;
    element = next;
  }
  return undefined;
}

function chosenFlow(definition: Definition, gateway: ElementDef, variables: Record<string, unknown>, now: Date): string | undefined {
  try {
    const taken = gateway.outgoing.find((id) => {
      const condition = definition.flows[id]?.condition;
      return id !== gateway.default && condition !== undefined && evaluateFeel(condition, variables, now.toISOString()) === true;
    });
    return taken ?? gateway.default;
  } catch {
    return undefined;
  }
}

/** A procedure's words to the citizen for an end (procedure.json `outcomes`), `{name}` filled from the request's variables. */
export function outcomeText(outcomes: Record<string, Text> | undefined, endId: string, variables: Record<string, unknown>, lang: 'ro' | 'en'): string | undefined {
  const words = outcomes?.[endId];
  if (!words) return undefined;
  return (words[lang] || words.ro).replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = variables[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '—';
  });
}
