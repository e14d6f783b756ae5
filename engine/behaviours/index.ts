import type { ElementDef, ElementType } from '../model/definition.ts';
import type { ElementBehaviour } from './behaviour.ts';
import { boundaryEvent } from './boundary-event.ts';
import { businessRuleTask } from './business-rule-task.ts';
import { callActivity } from './call-activity.ts';
import { endEvent } from './end-event.ts';
import { eventBasedGateway } from './event-based-gateway.ts';
import { exclusiveGateway } from './exclusive-gateway.ts';
import { inclusiveGateway } from './inclusive-gateway.ts';
import { intermediateCatchEvent } from './intermediate-catch-event.ts';
import { intermediateThrowEvent } from './intermediate-throw-event.ts';
import { manualTask } from './manual-task.ts';
import { parallelGateway } from './parallel-gateway.ts';
import { receiveTask } from './receive-task.ts';
import { scriptTask } from './script-task.ts';
import { sendTask } from './send-task.ts';
import { serviceTask } from './service-task.ts';
import { startEvent } from './start-event.ts';
import { subProcess } from './sub-process.ts';
import { userTask } from './user-task.ts';

/**
 * One behaviour per element type; the element types themselves and their facts are listed once, in
 * engine/model/element-registry.ts. Behaviours get the lifecycle operations as an argument, so this
 * table can be built as the module loads.
 */
export const behaviours: Readonly<Record<ElementType, ElementBehaviour>> = {
  startEvent,
  endEvent,
  intermediateCatchEvent,
  intermediateThrowEvent,
  boundaryEvent,
  userTask,
  manualTask,
  task: manualTask,
  serviceTask,
  businessRuleTask,
  scriptTask,
  sendTask,
  receiveTask,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway,
  subProcess,
  callActivity,
};

export function behaviourFor(el: ElementDef): ElementBehaviour {
  return behaviours[el.type];
}
