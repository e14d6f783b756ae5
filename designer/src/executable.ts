/**
 * What the engine executes, as seen by the designer. The catalogue comes from
 * engine/model/element-registry.ts through esbuild's `define` (designer/build.ts): one source of truth.
 */

const catalogue = __DOSAR_EXECUTABLE__;

/**
 * Drawn for documentation and ignored by the compiler (engine/model/index.ts reads only processes;
 * lanes only name groups), so the designer allows them too.
 */
const DOCUMENTATION = ['bpmn:Participant', 'bpmn:Lane', 'bpmn:MessageFlow', 'bpmn:Collaboration', 'bpmn:Process', 'bpmn:Label'];

const EVENT_KINDS: Record<string, string> = {
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:ConditionalEventDefinition': 'conditional',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:CompensateEventDefinition': 'compensate',
  'bpmn:CancelEventDefinition': 'cancel',
};

/** Does the engine run a dosar:handler named on an element of this BPMN type, with these event definitions? */
export function runsHandler(type: string, eventDefinitionTypes: string[] = []): boolean {
  const handler = catalogue.executable[type]?.handler;
  if (!handler) return false;
  return !handler.withEvent || eventDefinitionTypes.some((t) => EVENT_KINDS[t] === handler.withEvent);
}

/** May an element of this BPMN type, with these event definitions, be placed in a Dosar model? */
export function isAllowedElement(type: string, eventDefinitionTypes: string[] = []): boolean {
  if (catalogue.passive.includes(type) || DOCUMENTATION.includes(type)) return true;
  const known = catalogue.executable[type];
  if (!known) return false;
  if (eventDefinitionTypes.length > 1) return false; // multiple events
  if (!known.events) return eventDefinitionTypes.length === 0;
  const kind = eventDefinitionTypes.length === 0 ? 'none' : EVENT_KINDS[eventDefinitionTypes[0]!] ?? 'unknown';
  // A boundary event is born plain when an event is dropped on a task; the replace menu then offers
  // only the supported kinds, and the server reports a plain one left behind at deploy.
  if (type === 'bpmn:BoundaryEvent' && kind === 'none') return true;
  return known.events.includes(kind);
}
