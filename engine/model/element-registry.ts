import type { ElementType, EventDefinition } from './definition.ts';

type EventKind = EventDefinition['kind'];

/**
 * The single list of what the engine executes: BPMN type -> our element type and the event
 * definitions it supports. The behaviours map (engine/behaviours/index.ts) implements exactly
 * these; the designer imports this list to forbid everything else.
 */
export const EXECUTABLE_ELEMENTS: Record<string, { type: ElementType; events?: EventKind[] }> = {
  'bpmn:StartEvent': { type: 'startEvent', events: ['none', 'message', 'timer', 'error'] },
  'bpmn:EndEvent': { type: 'endEvent', events: ['none', 'terminate', 'error', 'message'] },
  'bpmn:IntermediateCatchEvent': { type: 'intermediateCatchEvent', events: ['timer', 'message'] },
  'bpmn:IntermediateThrowEvent': { type: 'intermediateThrowEvent', events: ['none', 'message'] },
  'bpmn:BoundaryEvent': { type: 'boundaryEvent', events: ['timer', 'message', 'error'] },
  'bpmn:UserTask': { type: 'userTask' },
  'bpmn:ManualTask': { type: 'manualTask' },
  'bpmn:Task': { type: 'task' },
  'bpmn:ServiceTask': { type: 'serviceTask' },
  'bpmn:SendTask': { type: 'sendTask' },
  'bpmn:ReceiveTask': { type: 'receiveTask' },
  'bpmn:ExclusiveGateway': { type: 'exclusiveGateway' },
  'bpmn:ParallelGateway': { type: 'parallelGateway' },
  'bpmn:InclusiveGateway': { type: 'inclusiveGateway' },
  'bpmn:EventBasedGateway': { type: 'eventBasedGateway' },
  'bpmn:SubProcess': { type: 'subProcess' },
  'bpmn:CallActivity': { type: 'callActivity' },
};

/** Elements that carry no behaviour (documentation, data) and are accepted as they are. */
export const PASSIVE_ELEMENTS = new Set([
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
]);
