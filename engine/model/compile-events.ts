import type { Definition, EventDefinition } from './definition.ts';
import type { ModdleElement } from './load-definition.ts';

/**
 * The signal, escalation, conditional and compensation event definitions, and the compensation
 * handlers their associations name. Kept apart from compile-definition.ts, which calls in here for
 * the event definitions it does not read itself.
 */

type El = ModdleElement;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const list = (value: unknown): El[] => (Array.isArray(value) ? (value as El[]) : []);

/** What compile-definition's compiler lends: its expression readers and its problem list. */
export interface EventCompiler {
  /** '=feel', JUEL (translated) or a literal. */
  expression(value: string | undefined, elementId: string, what: string): string | undefined;
  /** Always an expression: plain FEEL out. */
  feel(value: string | undefined, elementId: string, what: string): string | undefined;
  problem(code: string, elementId: string | undefined, message: string): void;
}

export const EVENT_DEFINITION_TYPES: ReadonlySet<string> = new Set([
  'bpmn:SignalEventDefinition',
  'bpmn:EscalationEventDefinition',
  'bpmn:ConditionalEventDefinition',
  'bpmn:CompensateEventDefinition',
]);

/** Compiles one of EVENT_DEFINITION_TYPES; undefined after a problem was reported. */
export function compileEventDefinition(item: El, definition: El, c: EventCompiler): EventDefinition | undefined {
  const id = item.id!;
  const label = str(item.name) ?? id;
  switch (definition.$type) {
    case 'bpmn:SignalEventDefinition': {
      const signal = definition.signalRef as El | undefined;
      const name = str(signal?.name) ?? signal?.id;
      if (!name) {
        c.problem('signal-unknown', id, `"${label}" names no signal (signalRef)`);
        return undefined;
      }
      // Camunda 7 writes ${...} in signal names; those and '=feel' are resolved when thrown or armed.
      const signalName = c.expression(name, id, 'The signal name');
      return signalName ? { kind: 'signal', signalName } : undefined;
    }
    case 'bpmn:EscalationEventDefinition': {
      const escalation = definition.escalationRef as El | undefined;
      if (!escalation) return { kind: 'escalation' };
      const code = str(escalation.escalationCode);
      return { kind: 'escalation', escalationCode: code ?? escalation.id!, ...(str(escalation.name) ? { escalationName: str(escalation.name)! } : {}) };
    }
    case 'bpmn:ConditionalEventDefinition': {
      const body = str((definition.condition as El | undefined)?.body);
      if (!body) {
        c.problem('condition-invalid', id, `Conditional event "${label}" has no condition`);
        return undefined;
      }
      const condition = c.feel(body, id, 'The condition');
      return condition ? { kind: 'conditional', condition } : undefined;
    }
    case 'bpmn:CompensateEventDefinition': {
      const activity = (definition.activityRef as El | undefined)?.id;
      return { kind: 'compensate', ...(activity ? { activityRef: activity } : {}), ...(definition.waitForCompletion === false ? { waitForCompletion: false } : {}) };
    }
    default:
      return undefined;
  }
}

/**
 * After the elements are compiled: marks compensation handlers (isForCompensation) and ties each
 * compensation boundary event to the handler its association leads to.
 */
export function linkCompensation(process: El, definition: Definition): void {
  const visit = (container: El): void => {
    for (const item of list(container.flowElements)) {
      const el = item.id ? definition.elements[item.id] : undefined;
      if (el && item.isForCompensation === true) el.forCompensation = true;
      if (item.$type === 'bpmn:SubProcess' || item.$type === 'bpmn:AdHocSubProcess') visit(item);
    }
    for (const artifact of list(container.artifacts)) {
      if (artifact.$type !== 'bpmn:Association') continue;
      const source = definition.elements[(artifact.sourceRef as El | undefined)?.id ?? ''];
      const target = (artifact.targetRef as El | undefined)?.id;
      if (source?.type === 'boundaryEvent' && source.event?.kind === 'compensate' && target) source.compensateWith = target;
    }
  };
  visit(process);
}
