/** The event definitions the engine knows (definition.ts's EventDefinition is keyed by these). */
export type EventKind = 'none' | 'timer' | 'message' | 'error' | 'terminate' | 'signal' | 'escalation' | 'conditional' | 'compensate' | 'link';

/** When an element hands its work to a job handler (dosar:handler, camunda:topic, zeebe:taskDefinition). */
export interface HandlerFacts {
  /**
   * 'always': it exists to run one (a handler is required); 'when-named': it runs one only if the
   * model names one; 'never': the name is read and kept in the definition, but nothing runs it.
   */
  runs: 'always' | 'when-named' | 'never';
  /** Runs one only with this event definition (a message throw event). */
  withEvent?: EventKind;
}

/** What the engine knows about one element type; the compiler, checker, lifecycle and designer read it. */
export interface ElementFacts {
  /** The BPMN element it is drawn as. */
  bpmn: string;
  /** Event definitions it supports ('none' = a plain event); undefined = it is not an event. */
  events?: readonly EventKind[];
  /** Activities carry boundary events, multi-instance loops and input/output mappings. */
  activity: boolean;
  /** Always stops its token until something outside the step happens (a task, message, timer, child, scope). */
  waits: boolean;
  handler?: HandlerFacts;
  /** Its messageRef names the message it waits for ('required') or sends ('optional'). */
  messageRef?: 'required' | 'optional';
}

/**
 * The single table of what the engine executes. Adding an element type means one row here and one
 * behaviour in engine/behaviours/ (its table there must name every key of this one: the type
 * checker holds it to ElementType).
 */
const TABLE = {
  // Escalation and compensation starts belong to event sub-processes (check-events.ts); a process-level
  // conditional start is started by the engine's evaluateConditions.
  startEvent: { bpmn: 'bpmn:StartEvent', events: ['none', 'message', 'timer', 'error', 'signal', 'escalation', 'conditional', 'compensate'], activity: false, waits: false },
  // Camunda 8 message end events carry a task definition: kept in the definition, never run.
  endEvent: { bpmn: 'bpmn:EndEvent', events: ['none', 'terminate', 'error', 'message', 'signal', 'escalation', 'compensate'], activity: false, waits: false, handler: { runs: 'never' } },
  intermediateCatchEvent: { bpmn: 'bpmn:IntermediateCatchEvent', events: ['timer', 'message', 'signal', 'conditional', 'link'], activity: false, waits: true },
  intermediateThrowEvent: { bpmn: 'bpmn:IntermediateThrowEvent', events: ['none', 'message', 'signal', 'escalation', 'compensate', 'link'], activity: false, waits: false, handler: { runs: 'when-named', withEvent: 'message' } },
  boundaryEvent: { bpmn: 'bpmn:BoundaryEvent', events: ['timer', 'message', 'error', 'signal', 'escalation', 'conditional', 'compensate'], activity: false, waits: false },
  userTask: { bpmn: 'bpmn:UserTask', activity: true, waits: true },
  manualTask: { bpmn: 'bpmn:ManualTask', activity: true, waits: false },
  task: { bpmn: 'bpmn:Task', activity: true, waits: false },
  serviceTask: { bpmn: 'bpmn:ServiceTask', activity: true, waits: false, handler: { runs: 'always' } },
  // Evaluates its DMN decision in the step; one naming a job topic or type (a worker decides) runs a job instead.
  businessRuleTask: { bpmn: 'bpmn:BusinessRuleTask', activity: true, waits: false, handler: { runs: 'when-named' } },
  // Evaluates its FEEL script in the step; one naming a job topic or type runs a job instead.
  scriptTask: { bpmn: 'bpmn:ScriptTask', activity: true, waits: false, handler: { runs: 'when-named' } },
  sendTask: { bpmn: 'bpmn:SendTask', activity: true, waits: false, handler: { runs: 'when-named' }, messageRef: 'optional' },
  receiveTask: { bpmn: 'bpmn:ReceiveTask', activity: true, waits: true, messageRef: 'required' },
  exclusiveGateway: { bpmn: 'bpmn:ExclusiveGateway', activity: false, waits: false },
  parallelGateway: { bpmn: 'bpmn:ParallelGateway', activity: false, waits: false },
  inclusiveGateway: { bpmn: 'bpmn:InclusiveGateway', activity: false, waits: false },
  eventBasedGateway: { bpmn: 'bpmn:EventBasedGateway', activity: false, waits: true },
  subProcess: { bpmn: 'bpmn:SubProcess', activity: true, waits: true },
  callActivity: { bpmn: 'bpmn:CallActivity', activity: true, waits: true },
} as const satisfies Record<string, ElementFacts>;

/** Our name for an element type (ElementDef.type): the keys of the table. */
export type ElementType = keyof typeof TABLE;

export const ELEMENTS: Readonly<Record<ElementType, ElementFacts>> = TABLE;

/** What the registry's questions read of a compiled element (structurally an ElementDef). */
interface ElementShape {
  type: ElementType;
  service?: { handler: string };
  event?: { kind: EventKind };
}

/** BPMN type -> our element type and the event definitions it supports (the compiler's and designer's view). */
export const EXECUTABLE_ELEMENTS: Readonly<Record<string, { type: ElementType; events?: readonly EventKind[] }>> = {
  ...Object.fromEntries(
    (Object.entries(ELEMENTS) as Array<[ElementType, ElementFacts]>).map(([type, facts]) => [facts.bpmn, { type, ...(facts.events ? { events: facts.events } : {}) }]),
  ),
  // A sub-process whose inner elements start without a start event (ElementDef.adHoc says which and when it ends).
  'bpmn:AdHocSubProcess': { type: 'subProcess' },
};

/** Elements that carry no behaviour (documentation, data) and are accepted as they are. */
export const PASSIVE_ELEMENTS: ReadonlySet<string> = new Set([
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
]);

// Read on every element entry (the lifecycle arms boundary events of activities): one set lookup.
const ACTIVITY_TYPES: ReadonlySet<string> = new Set(Object.keys(ELEMENTS).filter((type) => ELEMENTS[type as ElementType].activity));

export function isActivity(el: Pick<ElementShape, 'type'>): boolean {
  return ACTIVITY_TYPES.has(el.type);
}

/** True when entering this element queues a job for a handler (the token then waits for the job). */
export function createsJob(el: ElementShape): boolean {
  const handler = ELEMENTS[el.type].handler;
  if (!handler || handler.runs === 'never') return false;
  if (handler.runs === 'always') return true;
  return Boolean(el.service?.handler) && (!handler.withEvent || el.event?.kind === handler.withEvent);
}

/** True when a token always stops here across steps, so a loop through it cannot spin within one step. */
export function isWaitState(el: ElementShape): boolean {
  if (el.event?.kind === 'link') return false;
  return ELEMENTS[el.type].waits || createsJob(el);
}
