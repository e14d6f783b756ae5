import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil.js';
import type { Translate } from '../translate/translate-module.ts';
import { clockEntries } from './clock-entries.ts';
import { completionEntry, conditionEntry } from './condition-entry.ts';
import { freeOptionsGroup, handlerEntries, runsHandler } from './handler-entries.ts';
import { legalTermEntries } from './legal-term-entries.ts';
import type { Lookups } from './lookups.ts';
import { scriptEntries } from './script-entries.ts';
import { userTaskEntries } from './task-entries.ts';
import { timerEntry } from './timer-entry.ts';
import type { BpmnFactory, Entry, Group, ListGroupDef, ModdleElement, Modeling, PanelElement } from './types.ts';

/** Adds the "Dosar" group (our dosar: attributes) to bpmn-js-properties-panel, after "General". */
class DosarPropertiesProvider {
  static $inject = ['propertiesPanel', 'translate', 'dosarLookups', 'modeling', 'bpmnFactory'];

  constructor(
    propertiesPanel: { registerProvider(priority: number, provider: unknown): void },
    private readonly translate: Translate,
    private readonly lookups: Lookups,
    private readonly modeling: Modeling,
    private readonly bpmnFactory: BpmnFactory,
  ) {
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element: PanelElement): (groups: Array<Group | ListGroupDef>) => Array<Group | ListGroupDef> {
    return (groups) => {
      const entries = this.entries(element);
      if (entries.length === 0) return groups;
      const added: Array<Group | ListGroupDef> = [{ id: 'dosar', label: this.translate('Dosar'), entries, shouldOpen: true }];
      const options = runsHandler(element)
        ? freeOptionsGroup(element, this.lookups.handlers ?? [], this.translate, { modeling: this.modeling, bpmnFactory: this.bpmnFactory })
        : undefined;
      if (options) added.push(options);
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general + 1, 0, ...added);
      return groups;
    };
  }

  private entries(element: PanelElement): Entry[] {
    const bo = getBusinessObject(element) as ModdleElement;
    const process = is(element, 'bpmn:Process') ? bo : is(element, 'bpmn:Participant') ? (bo.processRef as ModdleElement | undefined) : undefined;
    if (process) return legalTermEntries('dosar-process', process, true);
    const entries: Entry[] = [];
    if (is(element, 'bpmn:UserTask')) entries.push(...userTaskEntries(bo, this.lookups));
    // A script task names a script or a handler, not both: the handler is offered only to one without a script.
    if (is(element, 'bpmn:ScriptTask') && !bo.get('dosar:handler')) entries.push(...scriptEntries(bo));
    if (runsHandler(element) && !(is(element, 'bpmn:ScriptTask') && bo.get('script'))) entries.push(...handlerEntries(element, this.lookups.handlers ?? []));
    if (is(element, 'bpmn:SequenceFlow') && (is(bo.sourceRef, 'bpmn:ExclusiveGateway') || is(bo.sourceRef, 'bpmn:InclusiveGateway'))) {
      entries.push(conditionEntry());
    }
    if (is(element, 'bpmn:AdHocSubProcess')) entries.push(completionEntry());
    const timer = (bo.eventDefinitions as ModdleElement[] | undefined)?.find((d) => is(d, 'bpmn:TimerEventDefinition'));
    if (timer && !bo.get('dosar:dueTimer')) entries.push(timerEntry(timer));
    if (is(element, 'bpmn:IntermediateThrowEvent') || is(element, 'bpmn:IntermediateCatchEvent') || is(element, 'bpmn:ReceiveTask')) {
      entries.push(...clockEntries(bo));
    }
    return entries;
  }
}

export default {
  __init__: ['dosarPropertiesProvider'],
  dosarPropertiesProvider: ['type', DosarPropertiesProvider],
};
