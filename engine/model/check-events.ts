import type { Problem } from '../errors.ts';
import type { Definition, ElementDef } from './definition.ts';
import { isActivity } from './element-registry.ts';

/** Deploy-time rules of signal, escalation, conditional and compensation events (BPMN 2.0.2, 10.5). */
export function checkEvents(def: Definition): Problem[] {
  const problems: Problem[] = [];
  const add = (code: string, elementId: string, message: string) => problems.push({ code, elementId, message });
  const label = (el: ElementDef) => `"${el.name ?? el.id}"`;
  for (const el of Object.values(def.elements)) {
    const kind = el.event?.kind;
    const inEventSub = el.parent !== undefined && def.elements[el.parent]?.triggeredByEvent === true;
    if (el.type === 'startEvent' && !inEventSub && !el.parent && kind === 'escalation') {
      add('unsupported-element', el.id, `A ${kind} start event ${label(el)} is only allowed in an event sub-process`);
    }
    if (el.type === 'startEvent' && kind === 'compensate') {
      const esp = inEventSub ? def.elements[el.parent!] : undefined;
      const host = esp?.parent ? def.elements[esp.parent] : undefined;
      if (!host || host.type !== 'subProcess' || host.triggeredByEvent) {
        add('unsupported-element', el.id, `A compensation start event ${label(el)} belongs in an event sub-process of an embedded sub-process`);
      }
    }
    if (el.type === 'startEvent' && !el.parent && el.event?.kind === 'signal' && el.event.signalName.startsWith('=')) {
      add('signal-invalid', el.id, `The signal start event ${label(el)} must name its signal plainly: no instance exists yet to evaluate an expression in`);
    }
    if (el.type === 'boundaryEvent' && el.attachedTo && kind === 'escalation') {
      const host = def.elements[el.attachedTo];
      // Only a sub-process, or a call activity (its called procedure's uncaught escalations), raises one to its boundary.
      if (host && host.type !== 'subProcess' && host.type !== 'callActivity') {
        add('boundary-on-unsupported', el.id, `An escalation boundary event ${label(el)} belongs on a sub-process or call activity`);
      }
    }
    if (el.type === 'boundaryEvent' && kind === 'compensate') {
      const handler = el.compensateWith ? def.elements[el.compensateWith] : undefined;
      if (!handler) add('compensation-invalid', el.id, `Compensation boundary event ${label(el)} needs an association to its compensation handler`);
      else if (!handler.forCompensation || !isActivity(handler)) add('compensation-invalid', el.id, `The compensation handler of ${label(el)} must be an activity marked isForCompensation`);
      if (el.cancelActivity === false) add('boundary-invalid', el.id, `A compensation boundary event ${label(el)} cannot be non-interrupting`);
    }
    if (el.forCompensation && (el.incoming.length > 0 || el.outgoing.length > 0)) {
      add('compensation-invalid', el.id, `Compensation handler ${label(el)} must not be connected by sequence flows`);
    }
    if (el.event?.kind === 'compensate' && el.type !== 'boundaryEvent' && el.event.activityRef) {
      const target = def.elements[el.event.activityRef];
      if (!target || !isActivity(target)) add('compensation-invalid', el.id, `${label(el)} compensates "${el.event.activityRef}", which is not an activity of this process`);
    }
  }
  return problems;
}
