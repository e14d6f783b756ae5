import type { Definition, ElementDef, FlowDef } from '../../engine/index.ts';

/** One element (or flow, or the process itself) present in only one of two versions. */
export interface ComparedElement {
  id: string;
  type: string;
  name?: string;
}

/** An element present in both versions whose executable attributes differ. */
export interface ChangedElement {
  id: string;
  type: string;
  name?: string;
  /** Attribute names that differ, e.g. "name", "task.candidateGroups", "dosar:legalTerm", "condition". */
  changes: string[];
}

export interface DefinitionComparison {
  added: ComparedElement[];
  removed: ComparedElement[];
  changed: ChangedElement[];
}

/** Derived from the flows: a new flow changes these on both ends, which says nothing new. */
const DERIVED = new Set(['id', 'incoming', 'outgoing', 'boundary', 'children', 'startEvents', 'eventSubProcesses']);
/** Nested records whose keys are reported one by one. */
const NESTED = new Set(['task', 'service', 'call', 'loop', 'event']);

/**
 * What changed between two compiled versions of a procedure: elements and sequence flows added,
 * removed or changed, plus the process itself (its id is the key) when its name or attributes
 * changed. Compares the executable definitions, so moving a shape on the diagram is no change.
 */
export function compareDefinitions(from: Definition, to: Definition): DefinitionComparison {
  const before = itemsOf(from);
  const after = itemsOf(to);
  const added: ComparedElement[] = [];
  const removed: ComparedElement[] = [];
  const changed: ChangedElement[] = [];
  for (const [id, item] of after) {
    const old = before.get(id);
    if (!old) {
      added.push(summary(item));
      continue;
    }
    const changes = old.type !== item.type ? ['type', ...diff(old.fields, item.fields)] : diff(old.fields, item.fields);
    if (changes.length > 0) changed.push({ ...summary(item), changes });
  }
  for (const [id, item] of before) if (!after.has(id)) removed.push(summary(item));
  return { added, removed, changed };
}

interface Item {
  id: string;
  type: string;
  name?: string;
  fields: Record<string, unknown>;
}

function itemsOf(definition: Definition): Map<string, Item> {
  const items = new Map<string, Item>();
  items.set(definition.key, { id: definition.key, type: 'process', ...(definition.name ? { name: definition.name } : {}), fields: flatten({ name: definition.name, attrs: definition.attrs }) });
  for (const element of Object.values(definition.elements)) items.set(element.id, elementItem(element));
  for (const flow of Object.values(definition.flows)) items.set(flow.id, flowItem(flow));
  return items;
}

function elementItem(element: ElementDef): Item {
  const { type, name } = element;
  return { id: element.id, type, ...(name ? { name } : {}), fields: flatten(element as unknown as Record<string, unknown>) };
}

function flowItem(flow: FlowDef): Item {
  return { id: flow.id, type: 'sequenceFlow', ...(flow.name ? { name: flow.name } : {}), fields: flatten({ name: flow.name, source: flow.source, target: flow.target, condition: flow.condition }) };
}

/** Top-level fields, `task.x`-style fields of nested records, and `dosar:x` for each dosar attribute. */
function flatten(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (DERIVED.has(key) || key === 'type' || value === undefined) continue;
    if (key === 'attrs' && value && typeof value === 'object') {
      for (const [attr, v] of Object.entries(value)) out[`dosar:${attr}`] = v;
    } else if (NESTED.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value)) if (v !== undefined) out[`${key}.${sub}`] = v;
    } else {
      out[key] = value;
    }
  }
  return out;
}

function diff(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name])).sort();
}

function summary(item: Item): ComparedElement {
  return { id: item.id, type: item.type, ...(item.name ? { name: item.name } : {}) };
}
