import type { DecisionCall } from './definition.ts';
import type { ModdleElement } from './load-definition.ts';

/**
 * Reads a business-rule task's decision: `camunda:decisionRef` with `camunda:resultVariable` and
 * `camunda:mapDecisionResult` (Camunda 7), `zeebe:calledDecision decisionId resultVariable`
 * (Camunda 8), or `dosar:decisionRef`/`dosar:resultVariable`. The decision itself is bound at
 * deploy (engine/runtime/bind-decisions.ts), so its id must be written out, not computed.
 */

const MAPPINGS = ['singleEntry', 'singleResult', 'collectEntries', 'resultList'] as const;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

export function compileDecisionCall(
  item: ModdleElement,
  attr: (name: string) => string | undefined,
  problem: (code: string, message: string) => void,
): DecisionCall | undefined {
  const label = `"${item.name ?? item.id}"`;
  const zeebe = ((item.extensionElements as ModdleElement | undefined)?.values as ModdleElement[] | undefined ?? []).find((v) => v.$type === 'zeebe:CalledDecision');
  const camundaRef = attr('dosar:decisionRef') ?? attr('camunda:decisionRef');
  const decisionId = camundaRef ?? str(zeebe?.decisionId);
  if (!decisionId) {
    problem('decision-missing', `Business rule task ${label} names no decision (camunda:decisionRef, zeebe:calledDecision) and no job topic or type`);
    return undefined;
  }
  if (/[$#]\{/.test(decisionId) || decisionId.startsWith('=')) {
    problem('decision-invalid', `Business rule task ${label} computes its decision ("${decisionId}"); Dosar binds decisions at deploy, so name the decision id`);
    return undefined;
  }
  // Camunda 7's schema defaults decisionRefBinding to "latest", so only another value says anything;
  // zeebe's bindingType came after the schema this engine loads: read it from $attrs too.
  const camundaBinding = attr('camunda:decisionRefBinding');
  const binding = (camundaBinding !== 'latest' ? camundaBinding : undefined) ?? str(zeebe?.bindingType ?? (zeebe?.$attrs as Record<string, unknown> | undefined)?.bindingType);
  if (binding && binding !== 'latest' && binding !== 'deployment') {
    problem('unsupported-element', `Decision binding "${binding}" of ${label} is not supported: Dosar binds the latest version at deploy`);
  }
  if (!camundaRef) {
    const resultVariable = str(zeebe?.resultVariable);
    if (!resultVariable) problem('decision-invalid', `Business rule task ${label} calls decision "${decisionId}" but names no result variable (zeebe:calledDecision resultVariable)`);
    return { decisionId, mapResult: 'zeebe', ...(resultVariable ? { resultVariable } : {}) };
  }
  const mapping = attr('camunda:mapDecisionResult') ?? 'resultList';
  if (!(MAPPINGS as readonly string[]).includes(mapping)) {
    problem('decision-invalid', `mapDecisionResult "${mapping}" of ${label} is not one of ${MAPPINGS.join(', ')}`);
  }
  const resultVariable = attr('dosar:resultVariable') ?? attr('camunda:resultVariable');
  return { decisionId, mapResult: (MAPPINGS as readonly string[]).includes(mapping) ? mapping as DecisionCall['mapResult'] : 'resultList', ...(resultVariable ? { resultVariable } : {}) };
}
