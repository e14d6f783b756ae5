import type { Problem } from '../errors.ts';

/** An element of the moddle tree, as the compiler reads it. */
export type ModdleElement = {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  get(name: string): unknown;
  [key: string]: unknown;
};

/** What moddle reports after reading a file: the tree, every element by id, and what it could not read. */
export interface ParseResult {
  rootElement: ModdleElement;
  elementsById?: Record<string, ModdleElement>;
  warnings: ModdleWarning[];
}

interface ModdleWarning {
  message: string;
  element?: ModdleElement;
  property?: string;
  value?: unknown;
}

/** The prefixes a file binds to its own targetNamespace (`xmlns:tns="…"` beside `targetNamespace="…"`). */
function ownPrefixes(xml: string): Set<string> {
  const target = /\btargetNamespace\s*=\s*["']([^"']*)["']/.exec(xml)?.[1];
  const prefixes = new Set<string>();
  if (!target) return prefixes;
  for (const m of xml.matchAll(/xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']/g)) if (m[2] === target) prefixes.add(m[1]!);
  return prefixes;
}

/**
 * A reference written `tns:Task_1`, its prefix bound to the file's own namespace, names the element
 * `Task_1` (XML QName references, as some modellers write them); moddle reads only bare ids.
 */
function resolveOwnPrefix(w: ModdleWarning, id: string, prefixes: Set<string>, byId: Record<string, ModdleElement>): boolean {
  const colon = id.indexOf(':');
  if (colon < 0 || !prefixes.has(id.slice(0, colon)) || !w.element || !w.property) return false;
  const target = byId[id.slice(colon + 1)];
  if (!target) return false;
  const current = w.element.get(w.property);
  if (Array.isArray(current)) current.push(target);
  else (w.element as ModdleElement & { set(name: string, value: unknown): void }).set(w.property, target);
  return true;
}

/**
 * Diagram interchange (shapes, edges, planes) only draws the model, and an interface's operations
 * describe services Dosar never calls (a handler names what a task does): nothing they name runs.
 */
const isUnread = (el: ModdleElement | undefined) => el?.$type.startsWith('bpmndi:') === true || el?.$type === 'bpmn:Operation';

/** Elements with a reference moddle could not resolve: already reported, so readers stay silent on them. */
const unresolvedIn = new WeakSet<object>();

export function hasUnresolvedReference(el: ModdleElement | undefined): boolean {
  return el !== undefined && unresolvedIn.has(el);
}

/** The nearest element with an id (an event definition usually has none; its event has). */
function owningId(el: ModdleElement | undefined): string | undefined {
  for (let at = el; at; at = at.$parent as ModdleElement | undefined) if (at.id) return at.id;
  return undefined;
}

/** Turns moddle's warnings into coded problems, leaving out those that change nothing Dosar runs. */
export function translateWarnings(result: ParseResult, xml: string, shared: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const prefixes = ownPrefixes(xml);
  for (const w of result.warnings) {
    // moddle reads the text as UTF-8 whatever the declaration says; nothing is lost for BPMN content.
    if (/unsupported document encoding/.test(w.message)) continue;
    const unresolved = /unresolved reference <([^>]*)>/.exec(w.message);
    if (unresolved) {
      if (isUnread(w.element) || resolveOwnPrefix(w, unresolved[1]!, prefixes, result.elementsById ?? {})) continue;
      if (w.element) unresolvedIn.add(w.element);
      problems.push({ code: 'reference-unknown', elementId: owningId(w.element) ?? unresolved[1]!, message: `A reference points to "${unresolved[1]}", which is not in the model` });
      continue;
    }
    const attribute = /unknown attribute <([^>:]*):([^>]*)>/.exec(w.message);
    // Camunda 7's copy of a name another dialect also defines stays a plain attribute (moddle names
    // the package by its own prefix, whatever the file calls it), read as such by the compiler.
    if (attribute && attribute[1] === 'camunda' && shared.has(attribute[2]!)) continue;
    const illegalId = /illegal ID <([^>]*)>/.exec(w.message);
    if (illegalId) {
      problems.push({ code: 'id-invalid', elementId: illegalId[1]!, message: `"${illegalId[1]}" is not a valid BPMN id: use letters a-z, digits, "_", "-" and "." (no diacritics or spaces), starting with a letter or "_"` });
      continue;
    }
    const unknown = /unknown type <([^>]*)>/.exec(w.message) ?? /unparsable content <([^>]*)>/.exec(w.message);
    if (unknown) {
      // Foreign extensions (other vendors' namespaces) are ignored; unknown BPMN elements are not.
      if (!unknown[1]!.includes(':') || unknown[1]!.startsWith('bpmn:')) {
        problems.push({ code: 'unknown-element', elementId: w.element?.id ?? unknown[1]!, message: `"${unknown[1]}" is not a BPMN 2.0 element` });
      }
      continue;
    }
    problems.push({ code: 'xml-warning', elementId: w.element?.id ?? '', message: w.message.split('\n')[0]! });
  }
  return problems;
}
