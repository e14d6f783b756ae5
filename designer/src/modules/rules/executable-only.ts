import { RuleProvider, type EventBus } from '../../bpmn-js.ts';
import { isAllowedShape, type DiagramElement } from '../element-kind.ts';

/** Above bpmn-js's own rules (1000), so a refusal here is final. */
const PRIORITY = 1500;

/**
 * Forbids placing element types the engine cannot execute, whether drawn, appended or pasted.
 * Returning undefined hands the decision to the BPMN rules.
 */
class ExecutableOnlyRules extends RuleProvider {
  static override $inject = ['eventBus'];

  constructor(eventBus: EventBus) {
    super(eventBus);
  }

  override init(): void {
    this.addRule('shape.create', PRIORITY, (context: { shape: DiagramElement }) =>
      isAllowedShape(context.shape) ? undefined : false);
    this.addRule('elements.create', PRIORITY, (context: { elements: DiagramElement[] }) =>
      context.elements.every((element) => element.waypoints || isAllowedShape(element)) ? undefined : false);
    this.addRule('shape.append', PRIORITY, (context: { shape?: DiagramElement }) =>
      !context.shape || isAllowedShape(context.shape) ? undefined : false);
  }
}

export default {
  __init__: ['dosarExecutableOnlyRules'],
  dosarExecutableOnlyRules: ['type', ExecutableOnlyRules],
};
