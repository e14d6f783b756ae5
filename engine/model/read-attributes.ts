import type { ModdleElement } from './load-definition.ts';

/**
 * Reading the moddle tree: attributes in each dialect (`dosar:`, Camunda 7's `camunda:`, Camunda 8's
 * `zeebe:`) and extension elements. Each attribute is read in the namespace it is written in.
 */

export type El = ModdleElement;

export const list = <T = El>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
export const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

export interface DosarNamespace {
  loaded: boolean;
  prefix: string;
}

/** Reads an attribute; `dosar:` ones resolve whatever prefix the file gave our namespace. */
export function attr(el: El, name: string, ns: DosarNamespace): string | undefined {
  if (name.startsWith('dosar:') && !ns.loaded) return str(el.$attrs?.[`${ns.prefix}:${name.slice(6)}`]);
  try {
    return str(el.get(name)) ?? str(el.$attrs?.[name]);
  } catch {
    return str(el.$attrs?.[name]);
  }
}

export function extensions(el: El | undefined, type: string): El[] {
  const ext = el?.extensionElements as El | undefined;
  return list(ext?.values).filter((v) => v.$type === type);
}

export function extension(el: El | undefined, type: string): El | undefined {
  return extensions(el, type)[0];
}

/** Every `dosar:` attribute of an element as written, for features layered on the core. */
export function dosarAttributes(ns: DosarNamespace, el: El): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(el.$attrs ?? {})) {
    if (name.startsWith(`${ns.prefix}:`) && typeof value === 'string') out[name.slice(ns.prefix.length + 1)] = value;
  }
  const descriptor = (el as unknown as { $descriptor?: { properties?: Array<{ ns: { prefix: string; localName: string }; name: string }> } }).$descriptor;
  for (const p of descriptor?.properties ?? []) {
    if (p.ns?.prefix !== 'dosar') continue;
    const value = (el as unknown as Record<string, unknown>)[p.name];
    if (typeof value === 'string') out[p.ns.localName] = value;
  }
  return out;
}

export function friendlyType(type: string): string {
  return type.replace(/^bpmn:/, '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

/** How people are told which element: by its name, else by its id (never an empty name). */
export function labelOf(el: { name?: unknown; id?: string }): string {
  const name = typeof el.name === 'string' ? el.name.replace(/\s+/g, ' ').trim() : '';
  return `"${name || el.id || '?'}"`;
}

/** Where the compiler's readers report what they refuse. */
export type Report = (code: string, elementId: string | undefined, message: string) => void;

/** What every reader of one process is handed: how to report, read attributes and expressions. */
export interface ReadContext {
  report: Report;
  attr(el: El, name: string): string | undefined;
}
