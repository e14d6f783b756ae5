import type { Problem } from '../errors.ts';
import type { Definition, ElementDef, EmbeddedForm, FlowDef } from './definition.ts';
import { embeddedCamundaForms, formKeyOf, readEmbeddedForm, readStartForm } from './read-embedded-forms.ts';
import { ELEMENTS, EXECUTABLE_ELEMENTS, PASSIVE_ELEMENTS } from './element-registry.ts';
import { ExpressionReader } from './compile-expressions.ts';
import { correlationKeyOf, readEvent } from './compile-event.ts';
import { readUserTask, readService } from './compile-task.ts';
import { readCall, readIoMapping } from './compile-mappings.ts';
import { readLoop } from './compile-loop.ts';
import { readAdHoc } from './compile-ad-hoc.ts';
import { hasUnresolvedReference } from './moddle-warnings.ts';
import { attr, dosarAttributes, friendlyType, labelOf, list, str, type DosarNamespace, type El, type ReadContext } from './read-attributes.ts';
import { noRefusals, type Refusals } from './refused.ts';
import { linkCompensation } from './compile-events.ts';
import { linkFlows } from './compile-links.ts';
import { compileDecisionCall } from './compile-business-rule.ts';
import { readScript } from './compile-script.ts';
import { listenerProblems } from './check-listeners.ts';

/**
 * Turns one bpmn:Process of the moddle tree into the executable Definition. Settings are read from
 * `dosar:` first, then Camunda 7 (`camunda:`) and Camunda 8 (`zeebe:`), so models drawn in Camunda
 * Modeler deploy unchanged. Problems are collected, never thrown one by one; an element refused here
 * is remembered (with its flows) so the checks that follow do not blame what depends on it.
 */
class Compiler {
  readonly problems: Problem[] = [];
  readonly refusals: Refusals = noRefusals();
  private get refused() { return this.refusals.elements; }
  // Keyed by the model's own ids: without a prototype, an id such as `toString` finds nothing it did not put there.
  private readonly elements: Record<string, ElementDef> = Object.create(null) as Record<string, ElementDef>;
  private readonly flows: Record<string, FlowDef> = Object.create(null) as Record<string, FlowDef>;
  private readonly laneOf = new Map<string, string>();
  private readonly forms: Record<string, EmbeddedForm> = {};
  private startForm: string | undefined;
  private startFormRef: string | undefined;
  private readonly camundaForms: Map<string, string>;
  private readonly ctx: ReadContext;
  private readonly expr: ExpressionReader;

  constructor(private readonly process: El, private readonly ns: DosarNamespace, expressionLanguage: string | undefined) {
    this.ctx = { report: (code, id, message) => this.problem(code, id, message), attr: (el, name) => attr(el, name, ns) };
    this.expr = new ExpressionReader(this.ctx.report, expressionLanguage);
    this.camundaForms = embeddedCamundaForms(process);
  }

  problem(code: string, elementId: string | undefined, message: string): void {
    this.problems.push({ code, elementId: elementId ?? this.process.id ?? '', message });
  }

  compile(): Definition {
    this.collectLanes(list(this.process.laneSets));
    const { starts, eventSubProcesses } = this.container(this.process, undefined);
    const attrs = dosarAttributes(this.ns, this.process);
    return {
      key: this.process.id!,
      ...(str(this.process.name) ? { name: this.process.name } : {}),
      elements: this.elements,
      flows: this.flows,
      startEvents: starts,
      eventSubProcesses,
      ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
      ...(Object.keys(this.forms).length > 0 ? { forms: this.forms } : {}),
      ...(this.startForm ? { startForm: this.startForm } : {}),
      ...(this.startFormRef ? { startFormRef: this.startFormRef } : {}),
    };
  }

  private collectLanes(laneSets: El[]): void {
    for (const set of laneSets) {
      for (const lane of list(set.lanes)) {
        for (const node of list(lane.flowNodeRef)) if (node.id && str(lane.name)) this.laneOf.set(node.id, lane.name!.trim());
        if (lane.childLaneSet) this.collectLanes([lane.childLaneSet as El]);
      }
    }
  }

  /** Compiles the flow elements of a process or sub-process. */
  private container(container: El, parent: string | undefined): { children: string[]; starts: string[]; eventSubProcesses: string[] } {
    const children: string[] = [];
    const starts: string[] = [];
    const eventSubProcesses: string[] = [];
    const items = list(container.flowElements);
    items.forEach((item, position) => {
      if (item.$type === 'bpmn:SequenceFlow') {
        this.flow(item, position);
        return;
      }
      if (PASSIVE_ELEMENTS.has(item.$type)) return;
      const known = EXECUTABLE_ELEMENTS[item.$type];
      if (!known) {
        this.problem('unsupported-element', item.id, `${friendlyType(item.$type)} ${labelOf(item)} is not supported by Dosar`);
        this.refuse(item, parent);
        return;
      }
      const def = this.element(item, known.type, parent);
      if (!def) {
        this.refuse(item, parent);
        return;
      }
      children.push(def.id);
      if (def.type === 'startEvent') starts.push(def.id);
      if (def.type === 'subProcess' && def.triggeredByEvent) eventSubProcesses.push(def.id);
      if (def.type === 'subProcess') {
        const inner = this.container(item, def.id);
        def.children = inner.children;
        def.startEvents = inner.starts;
        def.eventSubProcesses = inner.eventSubProcesses;
      }
    });
    for (const item of list(container.artifacts)) if (!PASSIVE_ELEMENTS.has(item.$type)) this.problem('unsupported-element', item.id, `${friendlyType(item.$type)} is not supported`);
    return { children, starts, eventSubProcesses };
  }

  private refuse(item: El, parent: string | undefined): void {
    if (!item.id) return;
    this.refused.set(item.id, {
      type: item.$type,
      ...(str(item.name) ? { name: item.name!.trim() } : {}),
      ...(parent ? { parent } : {}),
      ...((item.attachedToRef as El | undefined)?.id ? { attachedTo: (item.attachedToRef as El).id } : {}),
      incoming: [],
      outgoing: [],
    });
  }

  /** BPMN makes a flow's id optional: one without gets a stable id from its ends and its place. */
  private flowId(item: El, source: string | undefined, target: string | undefined, position: number): string {
    if (str(item.id)) return item.id!;
    let id = `flow_${source ?? ''}_${target ?? ''}`;
    if (this.flows[id]) id = `${id}_${position}`;
    return id;
  }

  private flow(item: El, position: number): void {
    const source = (item.sourceRef as El | undefined)?.id;
    const target = (item.targetRef as El | undefined)?.id;
    const id = this.flowId(item, source, target, position);
    if (!source || !target) {
      this.problem('sequence-flow-invalid', id, `Sequence flow "${id}" has no ${source ? 'target' : 'source'}`);
      return;
    }
    const condition = this.expr.condition(item.conditionExpression as El | undefined, id, 'The condition');
    if (!condition && str((item.conditionExpression as El | undefined)?.body)) this.refusals.conditions.add(id);
    this.flows[id] = { id, source, target, ...(str(item.name) ? { name: item.name } : {}), ...(condition ? { condition } : {}) };
  }

  private element(item: El, type: ElementDef['type'], parent: string | undefined): ElementDef | undefined {
    const id = item.id!;
    const def: ElementDef = { id, type, incoming: [], outgoing: [], ...(parent ? { parent } : {}) };
    if (str(item.name)) def.name = item.name!.trim();
    if (item.isForCompensation === true) this.refusals.compensationHandlers.add(id);
    const defaultFlow = (item.default as El | undefined)?.id;
    if (defaultFlow) def.default = defaultFlow;

    const events = list(item.eventDefinitions);
    if (events.length > 1) {
      this.problem('unsupported-element', id, `${labelOf(item)} has several event definitions (a multiple event), which is not supported`);
      return undefined;
    }
    const facts = ELEMENTS[type];
    if (events.length === 1 || facts.events) {
      const event = readEvent(item, events[0], this.ctx.report, this.expr, this.ns);
      if (!event) return undefined;
      const allowed = facts.events ?? [];
      if (!allowed.includes(event.kind)) {
        this.problem('unsupported-element', id, `A ${event.kind === 'none' ? 'plain' : event.kind} ${friendlyType(item.$type).toLowerCase()} (${labelOf(item)}) is not supported`);
        return undefined;
      }
      def.event = event;
    }
    if (facts.messageRef) {
      const message = item.messageRef as El | undefined;
      if (message) def.event = { kind: 'message', messageName: str(message.name) ?? message.id! };
      else if (facts.messageRef === 'required' && !hasUnresolvedReference(item)) this.problem('message-unknown', id, `Receive task ${labelOf(item)} names no message to wait for`);
    }
    if (def.event?.kind === 'message') {
      const key = correlationKeyOf(item);
      const expr = key ? this.expr.expression(key, id, 'The correlation key') : undefined;
      if (expr) def.event.correlationKey = expr;
    }
    if (type === 'boundaryEvent') {
      const attached = (item.attachedToRef as El | undefined)?.id;
      if (!attached) this.problem('boundary-on-unsupported', id, `Boundary event ${labelOf(item)} is not attached to an activity`);
      else def.attachedTo = attached;
      def.cancelActivity = item.cancelActivity !== false;
    }
    if (type === 'startEvent' && item.isInterrupting === false) def.isInterrupting = false;
    // A request starts at the process's none start event: its form is the request's.
    if (type === 'startEvent' && !parent && def.event?.kind === 'none' && !this.startForm) {
      const start = readStartForm(item, this.camundaForms, this.ctx);
      if (start) {
        this.forms[start.key] = start.form;
        this.startForm = start.key;
      } else {
        this.startFormRef ??= formKeyOf(item, this.ctx);
      }
    }
    if (type === 'subProcess' && item.triggeredByEvent === true) def.triggeredByEvent = true;
    if (item.$type === 'bpmn:AdHocSubProcess') def.adHoc = readAdHoc(item, this.ctx, this.expr);
    if (type === 'userTask') {
      def.task = readUserTask(item, this.ctx, this.expr, this.laneOf.get(id));
      const form = readEmbeddedForm(item, def.task, this.camundaForms, this.ctx);
      if (form) this.forms[def.task.formKey!] = form;
    }
    const service = readService(item, type, this.ctx);
    if (service) def.service = service;
    if (type === 'callActivity') def.call = readCall(item, this.ctx, this.expr);
    if (type === 'businessRuleTask' && !service) {
      const decision = compileDecisionCall(item, (name) => this.ctx.attr(item, name), (code, message) => this.problem(code, id, message));
      if (decision) def.decision = decision;
    }
    if (type === 'scriptTask' && !service) {
      const script = readScript(item, this.ctx, this.expr);
      if (script) def.script = script;
    }
    const loop = readLoop(item, this.ctx, this.expr);
    if (loop) def.loop = loop;
    const io = readIoMapping(item, this.ctx, this.expr);
    if (io.inputs) def.inputs = io.inputs;
    if (io.outputs) def.outputs = io.outputs;
    if (io.keepCompletionVariables) def.keepCompletionVariables = true;
    const attrs = dosarAttributes(this.ns, item);
    if (Object.keys(attrs).length > 0) def.attrs = attrs;
    this.elements[id] = def;
    return def;
  }

  /** Fills incoming/outgoing from the flows (the XML's own lists are optional, link events add theirs) and boundary lists. */
  link(): void {
    linkFlows(this.elements, this.flows, (code, id, message) => this.problem(code, id, message));
    for (const flow of Object.values(this.flows)) {
      const source = this.elements[flow.source] ?? this.refused.get(flow.source);
      const target = this.elements[flow.target] ?? this.refused.get(flow.target);
      if (!source || !target) {
        this.problem('sequence-flow-invalid', flow.id, `Sequence flow "${flow.id}" connects to "${source ? flow.target : flow.source}", which is not a flow node of this process`);
        delete this.flows[flow.id];
        continue;
      }
      source.outgoing.push(flow.id);
      target.incoming.push(flow.id);
    }
    for (const el of Object.values(this.elements)) {
      if (el.type !== 'boundaryEvent' || !el.attachedTo) continue;
      const host = this.elements[el.attachedTo];
      if (!host) continue;
      (host.boundary ??= []).push(el.id);
    }
    for (const el of Object.values(this.elements)) {
      if (el.default && !el.outgoing.includes(el.default)) {
        this.problem('default-flow-invalid', el.id, `The default flow of ${labelOf(el)} does not leave it`);
        delete el.default;
      }
    }
  }
}

export function compileProcess(process: El, dosar: DosarNamespace = { loaded: true, prefix: 'dosar' }, expressionLanguage?: string): { definition: Definition; problems: Problem[]; refusals: Refusals } {
  const compiler = new Compiler(process, dosar, expressionLanguage);
  const definition = compiler.compile();
  compiler.link();
  compiler.problems.push(...listenerProblems(process));
  linkCompensation(process, definition);
  return { definition, problems: compiler.problems, refusals: compiler.refusals };
}
