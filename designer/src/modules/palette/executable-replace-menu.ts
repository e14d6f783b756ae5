import type { PopupMenu, PopupMenuEntries, PopupMenuHeaderEntries } from '../../bpmn-js.ts';
import * as ReplaceOptions from 'bpmn-js/lib/features/replace/ReplaceOptions.js';
import { isAllowedElement } from '../../executable.ts';

interface ReplaceTarget {
  type: string;
  eventDefinitionType?: string;
  triggeredByEvent?: boolean;
}

/** actionName -> what it turns the element into, from bpmn-js's own catalogue of replace options. */
const TARGETS = new Map<string, ReplaceTarget>();
for (const options of Object.values(ReplaceOptions as Record<string, unknown>)) {
  const lists = Array.isArray(options) ? [options] : Object.values(options as Record<string, unknown>);
  for (const list of lists) {
    for (const option of list as Array<{ actionName: string; target?: ReplaceTarget }>) {
      if (option.target) TARGETS.set(option.actionName, option.target);
    }
  }
}

/** Header toggles the engine refuses (engine/model/compile-loop.ts: standard loops); the ad-hoc one it runs. */
const REFUSED_HEADER = /loop/i;

/** Removes "change element" choices that would turn an element into something the engine refuses. */
class ExecutableReplaceMenu {
  static $inject = ['popupMenu'];

  constructor(popupMenu: PopupMenu) {
    popupMenu.registerProvider('bpmn-replace', 100, this);
  }

  getPopupMenuEntries(): (entries: PopupMenuEntries) => PopupMenuEntries {
    return (entries) => {
      const kept: PopupMenuEntries = {};
      for (const [id, entry] of Object.entries(entries)) {
        const target = TARGETS.get(id);
        // Entries without a known target (flow kinds) change no element type.
        if (!target || isAllowedElement(target.type, target.eventDefinitionType ? [target.eventDefinitionType] : [])) kept[id] = entry;
      }
      return kept;
    };
  }

  getPopupMenuHeaderEntries(): (entries: PopupMenuHeaderEntries) => PopupMenuHeaderEntries {
    // bpmn-js passes an object keyed by id, although diagram-js's typings say an array.
    return (entries) => {
      if (Array.isArray(entries)) return entries.filter((entry) => !REFUSED_HEADER.test(entry.id));
      const kept = Object.entries(entries as Record<string, unknown>).filter(([id]) => !REFUSED_HEADER.test(id));
      return Object.fromEntries(kept) as unknown as PopupMenuHeaderEntries;
    };
  }
}

export default {
  __init__: ['dosarExecutableReplaceMenu'],
  dosarExecutableReplaceMenu: ['type', ExecutableReplaceMenu],
};
