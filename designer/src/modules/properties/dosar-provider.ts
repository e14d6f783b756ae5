import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil.js';
import type { Translate } from '../translate/translate-module.ts';
import { clockEntries } from './clock-entries.ts';
import { conditionEntry } from './condition-entry.ts';
import { legalTermEntries } from './legal-term-entries.ts';
import type { Lookups } from './lookups.ts';
import { userTaskEntries } from './task-entries.ts';
import { timerEntry } from './timer-entry.ts';
import type { Entry, Group, ModdleElement, PanelElement } from './types.ts';

/** Adds the "Dosar" group (our dosar: attributes) to bpmn-js-properties-panel, after "General". */
class DosarPropertiesProvider {
  static $inject = ['propertiesPanel', 'translate', 'dosarLookups'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }, private readonly translate: Translate, private readonly lookups: Lookups) {
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element: PanelElement): (groups: Group[]) => Group[] {
    return (groups) => {
      const entries = this.entries(element);
      if (entries.length === 0) return groups;
      const group: Group = { id: 'dosar', label: this.translate('Dosar'), entries, shouldOpen: true };
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general + 1, 0, group);
      return groups;
    };
  }

  private entries(element: PanelElement): Entry[] {
    const bo = getBusinessObject(element) as ModdleElement;
    const process = is(element, 'bpmn:Process') ? bo : is(element, 'bpmn:Participant') ? (bo.processRef as ModdleElement | undefined) : undefined;
    if (process) return legalTermEntries('dosar-process', process, true);
    const entries: Entry[] = [];
    if (is(element, 'bpmn:UserTask')) entries.push(...userTaskEntries(bo, this.lookups));
    if (is(element, 'bpmn:SequenceFlow') && (is(bo.sourceRef, 'bpmn:ExclusiveGateway') || is(bo.sourceRef, 'bpmn:InclusiveGateway'))) {
      entries.push(conditionEntry());
    }
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
