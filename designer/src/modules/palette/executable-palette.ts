import type { Palette, PaletteEntries } from '../../bpmn-js.ts';
import { isAllowedElement } from '../../executable.ts';

/** What each of bpmn-js's palette entries creates; entries are functions, so the type is not on them. */
const CREATES: Record<string, string> = {
  'create.start-event': 'bpmn:StartEvent',
  'create.intermediate-event': 'bpmn:IntermediateThrowEvent',
  'create.end-event': 'bpmn:EndEvent',
  'create.exclusive-gateway': 'bpmn:ExclusiveGateway',
  'create.task': 'bpmn:Task',
  'create.user-task': 'bpmn:UserTask',
  'create.data-object': 'bpmn:DataObjectReference',
  'create.data-store': 'bpmn:DataStoreReference',
  'create.subprocess-expanded': 'bpmn:SubProcess',
  'create.participant-expanded': 'bpmn:Participant',
  'create.group': 'bpmn:Group',
};

/** Hides palette entries that would create something the engine does not execute (unknown ones too). */
class ExecutablePalette {
  static $inject = ['palette'];

  constructor(palette: Palette) {
    // Low priority: runs after every provider that adds entries.
    palette.registerProvider(100, this);
  }

  getPaletteEntries(): (entries: PaletteEntries) => PaletteEntries {
    return (entries) => {
      const kept: PaletteEntries = {};
      for (const [id, entry] of Object.entries(entries)) {
        if (!id.startsWith('create.')) kept[id] = entry;
        else if (CREATES[id] && isAllowedElement(CREATES[id]!)) kept[id] = entry;
      }
      return kept;
    };
  }
}

export default {
  __init__: ['dosarExecutablePalette'],
  dosarExecutablePalette: ['type', ExecutablePalette],
};
