import { AppError } from '../errors.ts';
import type { Json } from '../core/types.ts';
import type { DecisionCall } from '../model/definition.ts';
import type { DecisionResult } from './evaluate-decision.ts';

/**
 * Shapes a decision's result for the result variable. Camunda 7's mapDecisionResult: resultList
 * (a list of maps), singleResult (one map), singleEntry (one value), collectEntries (a list of
 * values). Camunda 8: single-result hit policies give the value (one output) or a map, the others
 * a list of those; no match gives null (an empty list for a list).
 */
export function mapDecisionResult(call: DecisionCall, result: DecisionResult): Json {
  const { results } = result;
  const fail = (en: string, ro: string) => new AppError('decision-failed', { ro: `Decizia „${call.decisionId}”: ${ro}`, en: `Decision "${call.decisionId}": ${en}` }, { details: { decisionId: call.decisionId, results } });
  const entryOf = (r: Record<string, Json>): Json => {
    const values = Object.values(r);
    if (values.length !== 1) throw fail(`${call.mapResult} needs results with exactly one output, but one has ${values.length}.`, `${call.mapResult} cere rezultate cu o singură ieșire, dar unul are ${values.length}.`);
    return values[0]!;
  };
  switch (call.mapResult) {
    case 'resultList':
      return results;
    case 'singleResult':
    case 'singleEntry':
      if (results.length > 1) throw fail(`${call.mapResult} needs at most one result, but ${results.length} rules matched.`, `${call.mapResult} cere cel mult un rezultat, dar s-au potrivit ${results.length} reguli.`);
      if (results.length === 0) return null;
      return call.mapResult === 'singleResult' ? results[0]! : entryOf(results[0]!);
    case 'collectEntries':
      return results.map(entryOf);
    case 'zeebe': {
      const shaped = results.map((r) => (result.outputs === 1 ? Object.values(r)[0] ?? null : r));
      return result.single ? shaped[0] ?? null : shaped;
    }
  }
}
