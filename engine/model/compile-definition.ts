import { AppError, type Problem } from '../errors.ts';
import { assertFeelParses } from '../expressions/feel.ts';
import { isJuel, juelToFeel } from '../expressions/juel-to-feel.ts';
import type { CallDef, Definition, ElementDef, EventDefinition, FlowDef, LoopDef, Mapping, ServiceDef, TaskDef } from './definition.ts';
import { ELEMENTS, EXECUTABLE_ELEMENTS, PASSIVE_ELEMENTS } from './element-registry.ts';
import type { ModdleElement } from './load-definition.ts';
import { compileDecisionCall } from './compile-business-rule.ts';

/**
 * Turns one bpmn:Process of the moddle tree into the executable Definition. Attributes are read from
 * `dosar:` first, then Camunda 7 (`camunda:`) and Camunda 8 (`zeebe:`), so models drawn in Camunda
 * Modeler deploy unchanged. Structural problems are collected, never thrown one by one.
 */

type El = ModdleElement;

const list = <T = El>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

export interface DosarNamespace {
  loaded: boolean;
  prefix: string;
}

/** Reads an attribute; `dosar:` ones resolve whatever prefix the file gave our namespace. */
function attr(el: El, name: string, ns: DosarNamespace): string | undefined {
  if (name.startsWith('dosar:') && !ns.loaded) return str(el.$attrs?.[`${ns.prefix}:${name.slice(6)}`]);
  try {
    return str(el.get(name));
  } catch {
    return str(el.$attrs?.[name]);
  }
}

function extensions(el: El, type: string): El[] {
  const ext = el.extensionElements as El | undefined;
  return list(ext?.values).filter((v) => v.$type === type);
}

function extension(el: El, type: string): El | undefined {
  return extensions(el, type)[0];
}

class Compiler {
  readonly problems: Problem[] = [];
  private readonly elements: Record<string, ElementDef> = {};
  private readonly flows: Record<string, FlowDef> = {};
  private readonly laneOf = new Map<string, string>();

  constructor(private readonly process: El, private readonly ns: DosarNamespace) {}

  private attr(el: El, name: string): string | undefined {
    return attr(el, name, this.ns);
  }

  private readonly refused = new Set<string>();

  problem(code: string, elementId: string | undefined, message: string): void {
    if (code === 'unsupported-element' && elementId) this.refused.add(elementId);
    this.problems.push({ code, elementId: elementId ?? this.process.id ?? '', message });
  }

  /** '=feel', JUEL (translated) or a literal. */
  expression(value: string | undefined, elementId: string, what: string): string | undefined {
    if (value === undefined) return undefined;
    const text = value.trim();
    if (isJuel(text) || /[$#]\{/.test(text)) {
      try {
        const feel = juelToFeel(text);
        assertFeelParses(feel);
        return `=${feel}`;
      } catch (err) {
        this.problem('expression-unsupported', elementId, `${what} "${text}" uses JUEL outside the supported subset: ${(err as Error).message}`);
        return undefined;
      }
    }
    if (text.startsWith('=')) {
      this.checkFeel(text.slice(1), elementId, what);
      return text;
    }
    return text;
  }

  /** Always an expression (conditions): plain FEEL out. */
  feel(value: string | undefined, elementId: string, what: string): string | undefined {
    if (value === undefined) return undefined;
    const text = value.trim();
    if (text === '') return undefined;
    if (isJuel(text)) return this.expression(text, elementId, what)?.slice(1);
    const feel = text.startsWith('=') ? text.slice(1) : text;
    return this.checkFeel(feel, elementId, what) ? feel : undefined;
  }

  private checkFeel(feel: string, elementId: string, what: string): boolean {
    try {
      assertFeelParses(feel);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.code === 'expression-too-costly') this.problem('expression-too-costly', elementId, `${what} "${feel}": ${err.message}`);
      else this.problem('condition-invalid', elementId, `${what} "${feel}" is not a valid FEEL expression`);
      return false;
    }
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
    for (const item of items) {
      if (item.$type === 'bpmn:SequenceFlow') {
        this.flow(item);
        continue;
      }
      if (PASSIVE_ELEMENTS.has(item.$type)) continue;
      const known = EXECUTABLE_ELEMENTS[item.$type];
      if (!known) {
        this.problem('unsupported-element', item.id, `${friendlyType(item.$type)} "${item.name ?? item.id}" is not supported by Dosar`);
        continue;
      }
      const def = this.element(item, known.type, parent);
      if (!def) continue;
      children.push(def.id);
      if (def.type === 'startEvent') starts.push(def.id);
      if (def.type === 'subProcess' && def.triggeredByEvent) eventSubProcesses.push(def.id);
      if (def.type === 'subProcess') {
        const inner = this.container(item, def.id);
        def.children = inner.children;
        def.startEvents = inner.starts;
        def.eventSubProcesses = inner.eventSubProcesses;
      }
    }
    for (const item of list(container.artifacts)) if (!PASSIVE_ELEMENTS.has(item.$type)) this.problem('unsupported-element', item.id, `${friendlyType(item.$type)} is not supported`);
    return { children, starts, eventSubProcesses };
  }

  private flow(item: El): void {
    const source = (item.sourceRef as El | undefined)?.id;
    const target = (item.targetRef as El | undefined)?.id;
    if (!source || !target) {
      this.problem('sequence-flow-invalid', item.id, `Sequence flow "${item.id}" has no ${source ? 'target' : 'source'}`);
      return;
    }
    const condition = this.feel(str((item.conditionExpression as El | undefined)?.body), item.id!, 'The condition');
    this.flows[item.id!] = { id: item.id!, source, target, ...(str(item.name) ? { name: item.name } : {}), ...(condition ? { condition } : {}) };
  }

  private element(item: El, type: ElementDef['type'], parent: string | undefined): ElementDef | undefined {
    const id = item.id!;
    const def: ElementDef = { id, type, incoming: [], outgoing: [], ...(parent ? { parent } : {}) };
    if (str(item.name)) def.name = item.name!.trim();
    const defaultFlow = (item.default as El | undefined)?.id;
    if (defaultFlow) def.default = defaultFlow;

    const events = list(item.eventDefinitions);
    if (events.length > 1) {
      this.problem('unsupported-element', id, `"${item.name ?? id}" has several event definitions (a multiple event), which is not supported`);
      return undefined;
    }
    const facts = ELEMENTS[type];
    if (events.length === 1 || facts.events) {
      const event = this.event(item, events[0]);
      if (!event) return undefined;
      const allowed = facts.events ?? [];
      if (!allowed.includes(event.kind)) {
        this.problem('unsupported-element', id, `A ${event.kind === 'none' ? 'plain' : event.kind} ${friendlyType(item.$type).toLowerCase()} is not supported`);
        return undefined;
      }
      def.event = event;
    }
    if (facts.messageRef) {
      const message = item.messageRef as El | undefined;
      if (message) def.event = { kind: 'message', messageName: str(message.name) ?? message.id! };
      else if (facts.messageRef === 'required') this.problem('message-unknown', id, `Receive task "${item.name ?? id}" names no message to wait for`);
    }
    if (def.event?.kind === 'message') {
      const key = str((extension(item, 'zeebe:Subscription') ?? extension(item.messageRef as El ?? item, 'zeebe:Subscription'))?.correlationKey);
      if (key) {
        const expr = this.expression(key, id, 'The correlation key');
        if (expr) def.event.correlationKey = expr;
      }
    }
    if (type === 'boundaryEvent') {
      const attached = (item.attachedToRef as El | undefined)?.id;
      if (!attached) this.problem('boundary-on-unsupported', id, `Boundary event "${item.name ?? id}" is not attached to an activity`);
      else def.attachedTo = attached;
      def.cancelActivity = item.cancelActivity !== false;
    }
    if (type === 'startEvent' && item.isInterrupting === false) def.isInterrupting = false;
    if (type === 'subProcess' && item.triggeredByEvent === true) def.triggeredByEvent = true;
    if (type === 'userTask') def.task = this.task(item);
    const service = this.service(item, type);
    if (service) def.service = service;
    if (type === 'callActivity') def.call = this.call(item);
    if (type === 'businessRuleTask' && !service) {
      const decision = compileDecisionCall(item, (name) => this.attr(item, name), (code, message) => this.problem(code, id, message));
      if (decision) def.decision = decision;
    }
    const loop = this.loop(item);
    if (loop) def.loop = loop;
    const io = this.ioMapping(item);
    if (io.inputs) def.inputs = io.inputs;
    if (io.outputs) def.outputs = io.outputs;
    const attrs = dosarAttributes(this.ns, item);
    if (Object.keys(attrs).length > 0) def.attrs = attrs;
    this.elements[id] = def;
    return def;
  }

  private event(item: El, definition: El | undefined): EventDefinition | undefined {
    const id = item.id!;
    if (!definition) return { kind: 'none' };
    switch (definition.$type) {
      case 'bpmn:TimerEventDefinition': {
        const body = (k: string) => str((definition[k] as El | undefined)?.body);
        const kind = body('timeDuration') !== undefined ? 'duration' : body('timeDate') !== undefined ? 'date' : body('timeCycle') !== undefined ? 'cycle' : undefined;
        // A timer tied to the legal due date takes its time from the request's clock.
        if (!kind && this.attr(item, 'dosar:dueTimer')) return { kind: 'timer', timer: { kind: 'date', value: '' } };
        if (!kind) {
          this.problem('timer-invalid', id, `Timer "${item.name ?? id}" has no duration, date or cycle`);
          return undefined;
        }
        const value = this.expression(body(kind === 'duration' ? 'timeDuration' : kind === 'date' ? 'timeDate' : 'timeCycle'), id, 'The timer');
        return value ? { kind: 'timer', timer: { kind, value } } : undefined;
      }
      case 'bpmn:MessageEventDefinition': {
        const message = definition.messageRef as El | undefined;
        if (!message) {
          if (item.$type === 'bpmn:EndEvent' || item.$type === 'bpmn:IntermediateThrowEvent') return { kind: 'message', messageName: str(item.name) ?? id };
          this.problem('message-unknown', id, `"${item.name ?? id}" waits for a message but names none (messageRef)`);
          return undefined;
        }
        return { kind: 'message', messageName: str(message.name) ?? message.id! };
      }
      case 'bpmn:ErrorEventDefinition': {
        const error = definition.errorRef as El | undefined;
        if (!error) return { kind: 'error' };
        const code = str(error.errorCode);
        return { kind: 'error', ...(code ? { errorCode: code } : { errorCode: error.id! }), ...(str(error.name) ? { errorName: error.name } : {}) };
      }
      case 'bpmn:TerminateEventDefinition':
        return { kind: 'terminate' };
      default:
        this.problem('unsupported-element', id, `${friendlyType(definition.$type.replace('EventDefinition', ''))} events ("${item.name ?? id}") are not supported`);
        return undefined;
    }
  }

  private task(item: El): TaskDef {
    const id = item.id!;
    const zeebeAssign = extension(item, 'zeebe:AssignmentDefinition');
    const zeebeForm = extension(item, 'zeebe:FormDefinition');
    const zeebeSchedule = extension(item, 'zeebe:TaskSchedule');
    const pick = (dosar: string, camunda: string, zeebe: unknown) => this.attr(item, dosar) ?? this.attr(item, camunda) ?? str(zeebe);
    const task: TaskDef = {};
    const groups = this.expression(pick('dosar:candidateGroups', 'camunda:candidateGroups', zeebeAssign?.candidateGroups) ?? this.laneOf.get(id), id, 'The candidate groups');
    const users = this.expression(pick('dosar:candidateUsers', 'camunda:candidateUsers', zeebeAssign?.candidateUsers), id, 'The candidate users');
    const assignee = this.expression(pick('dosar:assignee', 'camunda:assignee', zeebeAssign?.assignee), id, 'The assignee');
    const formKey = pick('dosar:formKey', 'camunda:formKey', zeebeForm?.formKey ?? zeebeForm?.formId);
    const dueDate = this.expression(pick('dosar:dueDate', 'camunda:dueDate', zeebeSchedule?.dueDate), id, 'The due date');
    const followUp = this.expression(pick('dosar:followUpDate', 'camunda:followUpDate', zeebeSchedule?.followUpDate), id, 'The follow-up date');
    if (groups) task.candidateGroups = groups;
    if (users) task.candidateUsers = users;
    if (assignee) task.assignee = assignee;
    if (formKey) task.formKey = formKey;
    if (dueDate) task.dueDate = dueDate;
    if (followUp) task.followUpDate = followUp;
    return task;
  }

  private service(item: El, type: ElementDef['type']): ServiceDef | undefined {
    const facts = ELEMENTS[type].handler;
    if (!facts) return undefined;
    const zeebeTask = extension(item, 'zeebe:TaskDefinition');
    const handler = this.attr(item, 'dosar:handler') ?? (this.attr(item, 'camunda:type') === 'external' ? this.attr(item, 'camunda:topic') : undefined) ?? str(zeebeTask?.type);
    if (!handler) {
      if (facts.runs === 'always') {
        const javaStyle = this.attr(item, 'camunda:class') ?? this.attr(item, 'camunda:delegateExpression') ?? this.attr(item, 'camunda:expression');
        this.problem('service-task-without-handler', item.id, javaStyle
          ? `Service task "${item.name ?? item.id}" calls Java code (${javaStyle}); Dosar runs named handlers: set dosar:handler, an external task topic or a zeebe task type`
          : `Service task "${item.name ?? item.id}" names no handler (dosar:handler, camunda:topic or zeebe:taskDefinition type)`);
      }
      return undefined;
    }
    const service: ServiceDef = { handler };
    const retries = this.attr(item, 'dosar:retries') ?? str(zeebeTask?.retries);
    if (retries !== undefined) {
      if (/^\d+$/.test(retries) && Number(retries) >= 1) service.retries = Number(retries);
      else this.problem('retries-invalid', item.id, `Retries "${retries}" must be a whole number of at least 1`);
    }
    const options: Record<string, string> = {};
    for (const o of list(extension(item, 'dosar:Options')?.values)) if (str(o.name)) options[o.name as string] = String(o.value ?? '');
    for (const h of list(extension(item, 'zeebe:TaskHeaders')?.values)) if (str(h.key)) options[h.key as string] = String(h.value ?? '');
    if (Object.keys(options).length > 0) service.options = options;
    return service;
  }

  private call(item: El): CallDef {
    const id = item.id!;
    const zeebeCall = extension(item, 'zeebe:CalledElement');
    const called = str(zeebeCall?.processId) ?? str(item.calledElement);
    const calledElement = called ? this.expression(called, id, 'The called element') : undefined;
    if (!calledElement) this.problem('call-without-called-element', id, `Call activity "${item.name ?? id}" names no procedure to call`);
    const call: CallDef = { calledElement: calledElement ?? '', binding: 'latest' };
    const binding = this.attr(item, 'camunda:calledElementBinding');
    if (binding === 'version') {
      const version = this.attr(item, 'camunda:calledElementVersion');
      if (version && /^\d+$/.test(version)) {
        call.binding = 'version';
        call.version = Number(version);
      } else this.problem('call-version-invalid', id, `Call activity "${item.name ?? id}" pins a version but "${version ?? ''}" is not a version number`);
    } else if (binding && binding !== 'latest') {
      this.problem('unsupported-element', id, `Called element binding "${binding}" is not supported (use latest or version)`);
    }
    const ins = extensions(item, 'camunda:In');
    const outs = extensions(item, 'camunda:Out');
    const io = extension(item, 'zeebe:IoMapping');
    const inputs = this.camundaMappings(ins, id) ?? this.zeebeMappings(list(io?.inputParameters), id);
    const outputs = this.camundaMappings(outs, id) ?? this.zeebeMappings(list(io?.outputParameters), id);
    const propagateOut = zeebeCall ? zeebeCall.propagateAllChildVariables !== false : true;
    if (inputs) call.inputs = inputs;
    if (outputs) call.outputs = outputs;
    else if (!propagateOut) call.outputs = [];
    return call;
  }

  /** camunda:in/out: `variables="all"` means copy everything (no mapping). */
  private camundaMappings(items: El[], id: string): Mapping[] | undefined {
    if (items.length === 0 || items.some((i) => i.variables === 'all')) return undefined;
    const out: Mapping[] = [];
    for (const i of items) {
      const target = str(i.target);
      const source = str(i.source) ?? (str(i.sourceExpression) ? this.expression(i.sourceExpression as string, id, 'The mapping')?.slice(1) : undefined);
      if (target && source) out.push({ source, target });
    }
    return out;
  }

  private zeebeMappings(items: El[], id: string): Mapping[] | undefined {
    if (items.length === 0) return undefined;
    const out: Mapping[] = [];
    for (const i of items) {
      const target = str(i.target);
      const source = this.feel(str(i.source), id, 'The mapping source');
      if (target && source) out.push({ source, target });
    }
    return out;
  }

  private ioMapping(item: El): { inputs?: Mapping[]; outputs?: Mapping[] } {
    if (item.$type === 'bpmn:CallActivity') return {};
    const id = item.id!;
    const zeebe = extension(item, 'zeebe:IoMapping') ?? extension(item, 'dosar:IoMapping');
    const camunda = extension(item, 'camunda:InputOutput');
    const result: { inputs?: Mapping[]; outputs?: Mapping[] } = {};
    if (zeebe) {
      const inputs = this.zeebeMappings(list(zeebe.inputParameters), id);
      const outputs = this.zeebeMappings(list(zeebe.outputParameters), id);
      if (inputs) result.inputs = inputs;
      if (outputs) result.outputs = outputs;
    } else if (camunda) {
      const convert = (params: El[]) => params.flatMap((p) => {
        const value = str(p.value);
        const source = value === undefined ? 'null' : isJuel(value) ? this.expression(value, id, 'The mapping')?.slice(1) : JSON.stringify(value);
        return source && str(p.name) ? [{ source, target: p.name as string }] : [];
      });
      const inputs = list(camunda.inputParameters);
      const outputs = list(camunda.outputParameters);
      if (inputs.length > 0) result.inputs = convert(inputs);
      if (outputs.length > 0) result.outputs = convert(outputs);
    }
    return result;
  }

  private loop(item: El): LoopDef | undefined {
    const lc = item.loopCharacteristics as El | undefined;
    if (!lc) return undefined;
    const id = item.id!;
    if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      this.problem('unsupported-element', id, `Standard loops on "${item.name ?? id}" are not supported; use multi-instance`);
      return undefined;
    }
    const zeebeLoop = extension(lc, 'zeebe:LoopCharacteristics') ?? extension(item, 'zeebe:LoopCharacteristics');
    const loop: LoopDef = { sequential: lc.isSequential === true };
    const collection = str(zeebeLoop?.inputCollection) ?? this.attr(lc, 'camunda:collection');
    if (collection) {
      const feel = isJuel(collection) ? this.feel(collection, id, 'The collection') : collection.startsWith('=') ? this.feel(collection, id, 'The collection') : collection;
      if (feel) loop.collection = feel;
    }
    const element = str(zeebeLoop?.inputElement) ?? this.attr(lc, 'camunda:elementVariable');
    if (element) loop.elementVariable = element;
    const cardinality = this.feel(str((lc.loopCardinality as El | undefined)?.body), id, 'The loop cardinality');
    if (cardinality) loop.cardinality = cardinality;
    const completion = this.feel(str((lc.completionCondition as El | undefined)?.body), id, 'The completion condition');
    if (completion) loop.completionCondition = completion;
    const outputCollection = str(zeebeLoop?.outputCollection);
    if (outputCollection) loop.outputCollection = outputCollection;
    const outputElement = this.feel(str(zeebeLoop?.outputElement), id, 'The output element');
    if (outputElement) loop.outputElement = outputElement;
    if (!loop.collection && !loop.cardinality) this.problem('loop-invalid', id, `Multi-instance "${item.name ?? id}" needs a collection or a loop cardinality`);
    return loop;
  }

  /** Fills incoming/outgoing from the flows (the XML's own lists are optional) and boundary lists. */
  link(): void {
    for (const flow of Object.values(this.flows)) {
      const source = this.elements[flow.source];
      const target = this.elements[flow.target];
      if (!source || !target) {
        // A flow touching an element already refused adds nothing to that problem.
        if ((!source && !target) || this.refused.has(flow.source) || this.refused.has(flow.target)) {
          delete this.flows[flow.id];
          continue;
        }
        this.problem('sequence-flow-invalid', flow.id, `Sequence flow "${flow.id}" connects to an element that is not executable`);
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
        this.problem('default-flow-invalid', el.id, `The default flow of "${el.name ?? el.id}" does not leave it`);
        delete el.default;
      }
    }
  }
}

function dosarAttributes(ns: DosarNamespace, el: El): Record<string, string> {
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

function friendlyType(type: string): string {
  return type.replace(/^bpmn:/, '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

export function compileProcess(process: El, dosar: DosarNamespace = { loaded: true, prefix: 'dosar' }): { definition: Definition; problems: Problem[] } {
  const compiler = new Compiler(process, dosar);
  const definition = compiler.compile();
  compiler.link();
  return { definition, problems: compiler.problems };
}
