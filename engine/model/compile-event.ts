import type { EventDefinition } from './definition.ts';
import type { ExpressionReader } from './compile-expressions.ts';
import { hasUnresolvedReference } from './moddle-warnings.ts';
import { compileEventDefinition, EVENT_DEFINITION_TYPES } from './compile-events.ts';
import { attr, extension, friendlyType, labelOf, str, type DosarNamespace, type El, type Report } from './read-attributes.ts';

/** Event definitions (timer, message, error, terminate) and a message's correlation key. */

export function readEvent(item: El, definition: El | undefined, report: Report, expr: ExpressionReader, ns: DosarNamespace): EventDefinition | undefined {
  const id = item.id!;
  if (!definition) return { kind: 'none' };
  // Its reference points nowhere: reported once as reference-unknown, the event is refused silently.
  if (hasUnresolvedReference(definition)) return undefined;
  switch (definition.$type) {
    case 'bpmn:TimerEventDefinition': {
      const body = (k: string) => str((definition[k] as El | undefined)?.body);
      const kind = body('timeDuration') !== undefined ? 'duration' : body('timeDate') !== undefined ? 'date' : body('timeCycle') !== undefined ? 'cycle' : undefined;
      // A timer tied to the legal due date takes its time from the request's clock.
      if (!kind && attr(item, 'dosar:dueTimer', ns)) return { kind: 'timer', timer: { kind: 'date', value: '' } };
      if (!kind) {
        const empty = ['timeDuration', 'timeDate', 'timeCycle'].find((k) => definition[k] !== undefined);
        report('timer-invalid', id, empty ? `Timer ${labelOf(item)} has an empty ${empty}` : `Timer ${labelOf(item)} has no duration, date or cycle`);
        return undefined;
      }
      const value = expr.expression(body(kind === 'duration' ? 'timeDuration' : kind === 'date' ? 'timeDate' : 'timeCycle'), id, 'The timer');
      return value ? { kind: 'timer', timer: { kind, value } } : undefined;
    }
    case 'bpmn:MessageEventDefinition': {
      const message = definition.messageRef as El | undefined;
      if (!message) {
        if (item.$type === 'bpmn:EndEvent' || item.$type === 'bpmn:IntermediateThrowEvent') return { kind: 'message', messageName: str(item.name) ?? id };
        report('message-unknown', id, `${labelOf(item)} waits for a message but names none (messageRef)`);
        return undefined;
      }
      return { kind: 'message', messageName: str(message.name) ?? message.id! };
    }
    case 'bpmn:ErrorEventDefinition': {
      const error = definition.errorRef as El | undefined;
      const codeVariable = attr(definition, 'camunda:errorCodeVariable', ns);
      const messageVariable = attr(definition, 'camunda:errorMessageVariable', ns);
      const variables = { ...(codeVariable ? { codeVariable } : {}), ...(messageVariable ? { messageVariable } : {}) };
      if (!error) return { kind: 'error', ...variables };
      const code = str(error.errorCode);
      const message = attr(error, 'camunda:errorMessage', ns);
      return { kind: 'error', ...(code ? { errorCode: code } : { errorCode: error.id! }), ...(str(error.name) ? { errorName: error.name } : {}), ...(message ? { errorMessage: message } : {}), ...variables };
    }
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate' };
    case 'bpmn:LinkEventDefinition': {
      const linkName = str(definition.name) ?? str(item.name);
      if (!linkName) report('link-invalid', id, `Link event ${labelOf(item)} has no name to pair its throw with its catch`);
      return linkName ? { kind: 'link', linkName } : undefined;
    }
    default:
      if (EVENT_DEFINITION_TYPES.has(definition.$type)) {
        const event = compileEventDefinition(item, definition, { expression: (v, el, what) => expr.expression(v, el, what), feel: (v, el, what) => expr.feel(v, el, what), problem: report });
        const codeVariable = attr(definition, 'camunda:escalationCodeVariable', ns);
        return event?.kind === 'escalation' && codeVariable ? { ...event, codeVariable } : event;
      }
      report('unsupported-element', id, `${friendlyType(definition.$type.replace('EventDefinition', ''))} events (${labelOf(item)}) are not supported`);
      return undefined;
  }
}

/**
 * Camunda 8 keeps a message's correlation key on the message (`zeebe:subscription` in its extension
 * elements), whichever element names it: a receive task through messageRef, an event through its
 * message event definition. Older models put it on the element itself.
 */
export function correlationKeyOf(item: El): string | undefined {
  const definition = (item.eventDefinitions as El[] | undefined)?.find((d) => d.$type === 'bpmn:MessageEventDefinition');
  const message = (item.messageRef ?? definition?.messageRef) as El | undefined;
  return str((extension(item, 'zeebe:Subscription') ?? extension(message, 'zeebe:Subscription'))?.correlationKey);
}
