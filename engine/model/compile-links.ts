import type { ElementDef, FlowDef } from './definition.ts';
import { labelOf } from './read-attributes.ts';

/**
 * Link events (BPMN 2.0.2 §10.5.5, "off-page connectors"): a throw link goes on at the catch link
 * of the same name on the same level of the process. Each pair gets the sequence flow it stands
 * for, so running the model and checking its graph treat it like any other connection.
 */
export function linkFlows(elements: Record<string, ElementDef>, flows: Record<string, FlowDef>, problem: (code: string, elementId: string, message: string) => void): void {
  const linkOf = (el: ElementDef | undefined, type: ElementDef['type']) => (el?.type === type && el.event?.kind === 'link' ? el.event.linkName : undefined);
  const catches = new Map<string, ElementDef>();
  for (const el of Object.values(elements)) {
    const name = linkOf(el, 'intermediateCatchEvent');
    if (name === undefined) continue;
    const key = `${el.parent ?? ''}\u0000${name}`;
    const twin = catches.get(key);
    if (twin) problem('link-invalid', el.id, `Two link catch events on one level are named "${name}" (${labelOf(twin)} and ${labelOf(el)}): a link throw could not tell which to go on at`);
    else catches.set(key, el);
  }
  for (const flow of Object.values(flows)) {
    if (linkOf(elements[flow.source], 'intermediateThrowEvent') !== undefined) problem('link-invalid', flow.source, `Link throw event ${labelOf(elements[flow.source]!)} has an outgoing sequence flow; its path goes on at its link catch event`);
    if (linkOf(elements[flow.target], 'intermediateCatchEvent') !== undefined) problem('link-invalid', flow.target, `Link catch event ${labelOf(elements[flow.target]!)} has an incoming sequence flow; it is reached only from its link throw events`);
  }
  for (const el of Object.values(elements)) {
    const name = linkOf(el, 'intermediateThrowEvent');
    if (name === undefined) continue;
    const target = catches.get(`${el.parent ?? ''}\u0000${name}`);
    if (!target) {
      problem('link-unknown', el.id, `Link throw event ${labelOf(el)} goes on at "${name}", but no link catch event of that name is on the same level`);
      continue;
    }
    const id = `link_${el.id}_${target.id}`;
    flows[id] = { id, source: el.id, target: target.id };
  }
}
