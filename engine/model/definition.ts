/**
 * The executable form of one deployed process: plain JSON, produced by compile-definition.ts
 * at deploy time and stored with the definition row. The core never sees bpmn-moddle objects.
 *
 * Expressions: every expression-capable attribute holds either a literal string or a FEEL
 * expression prefixed with '=' (Camunda 8 style). JUEL `${...}` from Camunda 7 models has already
 * been translated to '=<feel>' at deploy. Flow conditions and completion conditions are plain FEEL
 * (no '=' prefix) because they are always expressions.
 */

import type { DecisionBundle } from '../dmn/decision.ts';
import type { ElementType } from './element-registry.ts';

export type { ElementType };

export type TimerDef =
  | { kind: 'duration'; value: string } // ISO 8601 duration (P3D, PT1H) or '=feel'
  | { kind: 'date'; value: string } // ISO 8601 date-time or '=feel'
  | { kind: 'cycle'; value: string }; // R3/PT1H, R/2026-01-01T00:00:00Z/P1D, or '=feel'

export type EventDefinition =
  | { kind: 'none' }
  | { kind: 'timer'; timer: TimerDef }
  | { kind: 'message'; messageName: string; correlationKey?: string }
  /**
   * No code on a catch = catch all. A catch may name variables for the caught error's code and
   * message (Camunda 7's errorCodeVariable, errorMessageVariable); a throw may carry a message.
   */
  | { kind: 'error'; errorCode?: string; errorName?: string; errorMessage?: string; codeVariable?: string; messageVariable?: string }
  | { kind: 'terminate' }
  // A throw goes on at the catch of the same name in the same scope (compile-links.ts)
  | { kind: 'link'; linkName: string }
  /** A broadcast: every instance waiting for the name receives it (a literal or '=feel' on throws). */
  | { kind: 'signal'; signalName: string }
  /** No code on a catch = catch all; an uncaught escalation does nothing (it is not an error). */
  | { kind: 'escalation'; escalationCode?: string; escalationName?: string; codeVariable?: string }
  /** FEEL, evaluated when the event is armed and whenever the instance's variables change. */
  | { kind: 'conditional'; condition: string }
  /** Throws: compensate `activityRef`, or every completed activity of the scope; catches (boundary): the handler to run. */
  | { kind: 'compensate'; activityRef?: string; waitForCompletion?: boolean };

export interface Mapping {
  /** FEEL expression evaluated in the source scope. */
  source: string;
  /** Variable name written in the target scope. */
  target: string;
}

export interface LoopDef {
  sequential: boolean;
  /** FEEL yielding a list; one inner instance per item. */
  collection?: string;
  /** Variable holding the current item inside each inner instance. */
  elementVariable?: string;
  /** FEEL yielding a number, used when there is no collection. */
  cardinality?: string;
  /** FEEL evaluated after each inner instance completes; true ends the loop early. */
  completionCondition?: string;
  /** Variable collecting each inner instance's `outputElement` into a list. */
  outputCollection?: string;
  /** FEEL evaluated in the inner instance when it completes. */
  outputElement?: string;
}

export interface TaskDef {
  /** '=feel' giving the task's name, from a name with JUEL in it (Camunda 7 evaluates task names). */
  name?: string;
  /** Literal comma list or '=feel' yielding a string or list. */
  candidateGroups?: string;
  candidateUsers?: string;
  assignee?: string;
  formKey?: string;
  /** ISO date-time, ISO duration from task creation, or '=feel'. */
  dueDate?: string;
  followUpDate?: string;
}

export interface ServiceDef {
  /** Name of a registered job handler (dosar:handler, camunda:topic, zeebe:taskDefinition type). */
  handler: string;
  /** Attempts in all before an incident (default 3). */
  retries?: number;
  /** ISO 8601 waits after each failed attempt, the last repeating (camunda:failedJobRetryTimeCycle); else the engine's doubling backoff. */
  retryWaits?: string[];
  /** Handler options as written in the model (values may be '=feel'). */
  options?: Record<string, string>;
}

export interface CallDef {
  calledElement: string;
  binding: 'latest' | 'version';
  version?: number;
  /** When absent, the child gets a copy of all parent variables. */
  inputs?: Mapping[];
  /** When absent, all child variables are copied back into the parent. */
  outputs?: Mapping[];
}

/** A business-rule task's decision (camunda:decisionRef, zeebe:calledDecision). */
export interface DecisionCall {
  decisionId: string;
  /** The variable that receives the result; Camunda 7 writes none without one. */
  resultVariable?: string;
  /** Camunda 7's camunda:mapDecisionResult (default resultList); Camunda 8 shapes by hit policy. */
  mapResult: 'singleEntry' | 'singleResult' | 'collectEntries' | 'resultList' | 'zeebe';
  /** Bound at deploy to the latest version (or the one deployed with the model), so steps do no I/O. */
  version?: number;
  decisions?: DecisionBundle;
}

/** A script task's FEEL expression and the variable its value goes to. */
export interface ScriptDef {
  /** Plain FEEL (JUEL translated at deploy). */
  expression: string;
  /** Without one the value is dropped, as Camunda 7 drops a script's result. */
  resultVariable?: string;
}

export interface AdHocDef {
  /** FEEL giving the ids of the inner elements to start (zeebe:adHoc activeElementsCollection); without it, every one with no incoming flow. */
  activeElements?: string;
  /** FEEL checked each time an inner element completes; once true, nothing more starts inside. */
  completion?: string;
  /** Whether inner elements still running are cancelled once the completion condition holds (BPMN's default: yes). */
  cancelRemaining: boolean;
}

export interface ElementDef {
  id: string;
  type: ElementType;
  name?: string;
  /** Id of the enclosing sub-process; undefined at process level. */
  parent?: string;
  incoming: string[];
  outgoing: string[];
  /** Default flow id (exclusive and inclusive gateways, activities with conditional flows). */
  default?: string;
  event?: EventDefinition;
  /** Boundary events: the activity they are attached to, and whether they cancel it. */
  attachedTo?: string;
  cancelActivity?: boolean;
  /** Boundary events attached to this activity. */
  boundary?: string[];
  /** Sub-processes: true for an event sub-process. */
  triggeredByEvent?: boolean;
  /** An ad-hoc sub-process: which inner elements start, and when it is done. */
  adHoc?: AdHocDef;
  /** Start events of event sub-processes: false for non-interrupting. */
  isInterrupting?: boolean;
  /** Sub-processes: their direct children and their start events. */
  children?: string[];
  startEvents?: string[];
  /** Sub-processes: event sub-processes directly inside. */
  eventSubProcesses?: string[];
  task?: TaskDef;
  service?: ServiceDef;
  call?: CallDef;
  decision?: DecisionCall;
  script?: ScriptDef;
  loop?: LoopDef;
  /** Input/output mappings of an activity (zeebe:ioMapping, camunda:inputOutput). */
  inputs?: Mapping[];
  outputs?: Mapping[];
  /**
   * Camunda 7's rule (camunda:inputOutput): a completion's variables are set as well as the outputs.
   * Without it Camunda 8's holds: an element with outputs passes on only what they map.
   */
  keepCompletionVariables?: true;
  /** Every `dosar:` attribute as written, for features layered on the core (legal terms, clocks). */
  attrs?: Record<string, string>;
  /** A compensation boundary event: the activity (isForCompensation) its association leads to. */
  compensateWith?: string;
  /** An activity with isForCompensation: run only as a compensation handler, never by a flow. */
  forCompensation?: boolean;
}

export interface FlowDef {
  id: string;
  source: string;
  target: string;
  name?: string;
  /** FEEL expression; absent = unconditional. */
  condition?: string;
}

export interface Definition {
  /** Process id = procedure key. */
  key: string;
  name?: string;
  elements: Record<string, ElementDef>;
  flows: Record<string, FlowDef>;
  /** Process-level start events (none, message, timer). */
  startEvents: string[];
  /** Process-level event sub-processes. */
  eventSubProcesses: string[];
  /** Every `dosar:` attribute on the process element (e.g. legalTerm). */
  attrs?: Record<string, string>;
  /** Task forms the model carries (Camunda 7 generated forms, Camunda 8 embedded forms), by form key. */
  forms?: Record<string, EmbeddedForm>;
  /** The key in `forms` of the form the process's (none) start event carries: the request's form. */
  startForm?: string;
  /** The form file the start event links instead (zeebe:formDefinition formId, camunda:formRef): the package holds it. */
  startFormRef?: string;
}

/** A Camunda 7 generated form field (`camunda:formField`), as written. */
export interface Camunda7Field {
  id: string;
  label?: string;
  /** string, long, boolean, date, enum, or a custom type. */
  type: string;
  defaultValue?: string;
  values?: Array<{ id: string; name: string }>;
  constraints: Array<{ name: string; config?: string }>;
}

export type EmbeddedForm =
  | { kind: 'camunda7-fields'; fields: Camunda7Field[] }
  /** A Camunda Form (form-js schema), parsed but otherwise as written. */
  | { kind: 'camunda-form'; form: unknown };

/** What a deployed definition row carries besides the compiled model. */
export interface DeployedDefinition {
  id: string;
  key: string;
  version: number;
  definition: Definition;
}
