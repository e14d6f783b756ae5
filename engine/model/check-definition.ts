import type { Problem } from '../errors.ts';
import { isCron, isDuration, parseCycle, parseDateTime, parseDuration } from '../core/iso-time.ts';
import { checkCron } from '../core/cron.ts';
import type { Definition } from './definition.ts';
import { isActivity } from './element-registry.ts';
import { cyclesWithoutWaitState, implicitStartsWithRefused, unreachable } from './check-graph.ts';
import { labelOf } from './read-attributes.ts';
import { noRefusals, type Refusals } from './refused.ts';
import { parseExtension, parseLegalTerm, type LegalTerm } from '../calendar/deadline-ledger.ts';
import { splitTaskTerm } from '../core/deadline.ts';

/**
 * Graph and semantic checks on a compiled definition: every problem, each with a code and an element.
 * What depends on an element the compiler refused (`refused`) is not checked: its flows still count,
 * and what lies beyond it is not called unreachable.
 */
export function checkDefinition(def: Definition, refusals: Refusals = noRefusals()): Problem[] {
  const refused = refusals.elements;
  const problems: Problem[] = [];
  const add = (code: string, elementId: string, message: string) => problems.push({ code, elementId, message });
  const label = labelOf;
  const elements = Object.values(def.elements);
  const refusedStartIn = (parent: string | undefined) => [...refused.values()].some((r) => r.type === 'bpmn:StartEvent' && r.parent === parent);
  const isRefused = (id: string) => refused.has(id);

  // Without a start event BPMN starts at every node with no incoming flow (implicit-start.ts).
  if (def.startEvents.length === 0 && !refusedStartIn(undefined) && implicitStartsWithRefused(def, refusals, undefined).length === 0) {
    add('no-start-event', def.key, `Process ${labelOf({ id: def.key, name: def.name })} has no start event`);
  }

  for (const el of elements) {
    const inEventSub = el.parent !== undefined && def.elements[el.parent]?.triggeredByEvent === true;
    if (el.type === 'startEvent') {
      const kind = el.event?.kind ?? 'none';
      if (inEventSub && kind === 'none') add('event-subprocess-start-invalid', el.id, `The start event ${label(el)} of an event sub-process needs a timer, message or error trigger`);
      if (!inEventSub && kind === 'error') add('unsupported-element', el.id, `An error start event ${label(el)} is only allowed in an event sub-process`);
      if (!inEventSub && el.parent && kind !== 'none') add('unsupported-element', el.id, `The start event ${label(el)} of a sub-process must be a plain (none) start event`);
      if (el.incoming.length > 0) add('start-event-invalid', el.id, `Start event ${label(el)} must not have incoming flows`);
    }
    if (el.type === 'endEvent' && el.outgoing.length > 0) add('end-event-invalid', el.id, `End event ${label(el)} must not have outgoing flows`);
    if (el.type === 'subProcess') {
      const starts = el.startEvents ?? [];
      if (el.triggeredByEvent) {
        const count = starts.length + [...refused.values()].filter((r) => r.type === 'bpmn:StartEvent' && r.parent === el.id).length;
        if (count !== 1) add('event-subprocess-start-invalid', el.id, `Event sub-process ${label(el)} needs exactly one start event`);
        if (el.incoming.length > 0 || el.outgoing.length > 0) add('event-subprocess-invalid', el.id, `Event sub-process ${label(el)} must not be connected by sequence flows`);
      } else if (el.adHoc) {
        if (!(el.children ?? []).some((id) => isActivity(def.elements[id]!))) add('ad-hoc-invalid', el.id, `Ad-hoc sub-process ${label(el)} needs at least one activity`);
      } else if (!starts.some((id) => (def.elements[id]?.event?.kind ?? 'none') === 'none') && !refusedStartIn(el.id)
        && !(starts.length === 0 && implicitStartsWithRefused(def, refusals, el.id).length > 0)) {
        if ((el.children ?? []).length === 0 && ![...refused.values()].some((r) => r.parent === el.id)) add('no-start-event', el.id, `Sub-process ${label(el)} is empty: it has no start event and nothing to run`);
        else add('no-start-event', el.id, `Sub-process ${label(el)} has no ${starts.length === 0 ? '' : 'plain (none) '}start event`);
      }
    }
    if ((el.type === 'exclusiveGateway' || el.type === 'inclusiveGateway') && el.outgoing.length > 1) {
      for (const flowId of el.outgoing) {
        const flow = def.flows[flowId]!;
        if (!flow.condition && flowId !== el.default && !refusals.conditions.has(flowId)) {
          add('gateway-flow-without-condition', flowId, `Flow "${flow.name ?? flowId}" out of gateway ${label(el)} has neither a condition nor is it the default flow`);
        }
      }
    }
    if (el.type === 'eventBasedGateway') {
      if (el.outgoing.length < 2) add('event-gateway-invalid', el.id, `Event-based gateway ${label(el)} needs at least two outgoing flows`);
      for (const flowId of el.outgoing) {
        if (isRefused(def.flows[flowId]!.target)) continue;
        const target = def.elements[def.flows[flowId]!.target];
        const ok = target && target.type === 'intermediateCatchEvent' && ['timer', 'message', 'signal', 'conditional'].includes(target.event?.kind ?? '');
        if (!ok) add('event-gateway-target-invalid', flowId, `Flows out of event-based gateway ${label(el)} must lead to timer, message, signal or conditional catch events`);
      }
    }
    if (el.type === 'boundaryEvent' && el.attachedTo) {
      const host = def.elements[el.attachedTo];
      if (!isRefused(el.attachedTo) && (!host || !isActivity(host))) add('boundary-on-unsupported', el.id, `Boundary event ${label(el)} must be attached to a task, sub-process or call activity`);
      if (el.event?.kind === 'error' && el.cancelActivity === false) add('boundary-invalid', el.id, `An error boundary event ${label(el)} always interrupts its activity`);
      if (el.outgoing.length === 0 && el.event?.kind !== 'compensate') add('boundary-invalid', el.id, `Boundary event ${label(el)} has no outgoing flow`);
    }
    if (el.event?.kind === 'timer' && !el.attrs?.dueTimer) {
      const { kind, value } = el.event.timer;
      if (!value.startsWith('=')) {
        try {
          if (kind === 'duration') parseDuration(value);
          else if (kind === 'cycle' && isCron(value)) checkCron(value);
          else if (kind === 'cycle') parseCycle(value);
          else if (!isDuration(value)) parseDateTime(value);
        } catch (err) {
          add('timer-invalid', el.id, `Timer ${label(el)}: ${(err as Error).message}`);
        }
      }
    }
    const dueDate = el.task?.dueDate;
    if (dueDate && !dueDate.startsWith('=') && !isDuration(dueDate)) {
      try { parseDateTime(dueDate); } catch { add('due-date-invalid', el.id, `Due date "${dueDate}" of ${label(el)} is neither an ISO date, an ISO duration nor an expression`); }
    }
  }

  problems.push(...checkLegalAttributes(def));
  for (const id of unreachable(def, refusals)) {
    add('unreachable-element', id, `${label(def.elements[id]!)} cannot be reached from any start event`);
  }
  for (const cycle of cyclesWithoutWaitState(def)) {
    add('cycle-without-wait-state', cycle[0]!, `The loop through ${cycle.map((id) => label(def.elements[id]!)).join(' → ')} has no wait state: it would run forever`);
  }
  return problems;
}

function processTerm(def: Definition): LegalTerm | undefined {
  try { return def.attrs?.legalTerm ? parseLegalTerm(def.attrs.legalTerm) : undefined; } catch { return undefined; }
}

/** Legal terms and clock markers are checked at deploy, so a bad one never surfaces mid-request. */
function checkLegalAttributes(def: Definition): Problem[] {
  const problems: Problem[] = [];
  const term = (text: string | undefined, elementId: string, rule?: string) => {
    if (text === undefined) return;
    try { parseLegalTerm(text, { rule }); } catch (err) { problems.push({ code: 'term-invalid', elementId, message: (err as Error).message }); }
  };
  term(def.attrs?.legalTerm, def.key, def.attrs?.legalRule);
  for (const el of Object.values(def.elements)) {
    const a = el.attrs ?? {};
    const task = a.legalTerm === undefined ? undefined : splitTaskTerm(a.legalTerm);
    term(task?.term, el.id, a.legalRule);
    if (task?.fromRegistration && !def.attrs?.legalTerm) {
      problems.push({ code: 'clock-required', elementId: el.id, message: `"${el.name ?? el.id}" counts its term from registration, but the process declares no dosar:legalTerm` });
    }
    if (a.clock !== undefined && !['suspend', 'resume', 'extend'].includes(a.clock)) {
      problems.push({ code: 'clock-invalid', elementId: el.id, message: `dosar:clock must be suspend, resume or extend, not "${a.clock}"` });
    }
    if (a.clock === 'extend') {
      if (!a.extend) problems.push({ code: 'clock-invalid', elementId: el.id, message: 'dosar:clock="extend" needs dosar:extend, e.g. "15 days" or "to 30 days"' });
      else {
        try {
          const extension = parseExtension(a.extend);
          const own = processTerm(def);
          if (extension.to && own && extension.unit !== own.unit) problems.push({ code: 'clock-invalid', elementId: el.id, message: `dosar:extend "${a.extend}" must count in the process term's unit (${own.unit})` });
        } catch (err) { problems.push({ code: 'term-invalid', elementId: el.id, message: (err as Error).message }); }
      }
    }
    if ((a.clock || a.dueTimer || a.tacitApproval) && !def.attrs?.legalTerm) {
      problems.push({ code: 'clock-required', elementId: el.id, message: `"${el.name ?? el.id}" uses the legal clock, but the process declares no dosar:legalTerm` });
    }
    if (a.dueTimer !== undefined) {
      if (el.event?.kind !== 'timer') problems.push({ code: 'clock-invalid', elementId: el.id, message: 'dosar:dueTimer belongs on a timer event' });
      if (a.dueTimer.trim() !== 'due' && !/^-\s*\d+\s+(days|working-days)$/.test(a.dueTimer.trim())) {
        problems.push({ code: 'clock-invalid', elementId: el.id, message: `dosar:dueTimer must be "due" or like "-2 working-days", not "${a.dueTimer}"` });
      }
    }
  }
  return problems;
}
