import type { Calendar, Deadline } from '../calendar/index.ts';

/**
 * The pure core's data: instance state, commands in, effects out. All plain JSON.
 * step(definition, state, command, ctx) -> { state, effects } in step.ts.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Variables = Record<string, Json>;

export type InstanceStatus = 'active' | 'completed' | 'terminated' | 'incident';

/** What a token is waiting for; undefined while it moves. */
export type Wait =
  | { kind: 'task'; taskId: string }
  | { kind: 'timer'; timerId: string }
  | { kind: 'message'; subscriptionId: string; messageName: string }
  | { kind: 'signal'; subscriptionId: string; signalName: string }
  /** An intermediate conditional event: moves on when its condition holds (engine/core/conditions.ts). */
  | { kind: 'conditional' }
  /** A compensation throw waits for its handlers, run one after another; `pending` are still to run. */
  | { kind: 'compensation'; pending: Compensable[] }
  | { kind: 'job'; jobId: string }
  | { kind: 'call'; childInstanceId: string }
  | { kind: 'join' }
  | { kind: 'eventGateway'; timerIds: string[]; subscriptionIds: string[] }
  /** An activity whose inner scope (sub-process or multi-instance body) is running. */
  | { kind: 'scope'; scopeId: string };

export interface Token {
  id: string;
  elementId: string;
  /** Scope the token lives in ('root' = process level). */
  scopeId: string;
  /** Flow the token arrived by (joins need it). */
  viaFlow?: string;
  wait?: Wait;
  /** Boundary timers and message subscriptions armed for this activity token. */
  boundaryTimerIds?: string[];
  boundarySubscriptionIds?: string[];
  /** The element's input mappings, local to it while it runs (gone when the token moves on). */
  locals?: Variables;
  /** Conditional boundary events armed for this activity token. */
  boundaryConditions?: ArmedCondition[];
  /** A compensation handler's token: the id of the throwing token that waits for it. */
  compensationOf?: string;
}

/** A conditional event in wait; `satisfied` = its condition held at the last evaluation (it fires on false -> true). */
export interface ArmedCondition {
  elementId: string;
  satisfied: boolean;
}

/** A completed activity with a compensation handler, kept by the scope it ran in, in completion order. */
export interface Compensable {
  activityId: string;
  handlerId: string;
  /** The completed sub-processes it ran inside (innermost first): compensating one of them compensates it. */
  via?: string[];
  /** A sub-process compensated by its compensation event sub-process: its variables and kept activities when it completed. */
  snapshot?: { variables: Variables; compensable: Compensable[] };
}

/** A running scope: the process itself, a sub-process instance, or one multi-instance inner instance. */
export type ScopeKind = 'process' | 'subProcess' | 'eventSubProcess' | 'multiInstanceBody' | 'multiInstanceInner';

export interface Scope {
  id: string;
  kind: ScopeKind;
  /** Element that owns the scope (process key for root, sub-process or activity id otherwise). */
  elementId: string;
  parentScopeId?: string;
  /** Token in the parent scope that waits for this scope to finish. */
  ownerTokenId?: string;
  variables: Variables;
  /** Multi-instance bookkeeping when this scope is a multi-instance body. */
  loop?: {
    total: number;
    completed: number;
    nextIndex: number;
    items?: Json[];
    outputs: Json[];
  };
  /** Inner instance index for a multi-instance inner scope. */
  loopIndex?: number;
  /** Timers and subscriptions of event sub-process starts armed for this scope. */
  eventTimerIds?: string[];
  eventSubscriptionIds?: string[];
  /** Conditional starts of event sub-processes armed for this scope. */
  eventConditions?: ArmedCondition[];
  /** Completed activities that can be compensated (engine/behaviours/compensation-event.ts). */
  compensable?: Compensable[];
  /** A compensation event sub-process running as a handler: the id of the throwing token that waits for it. */
  compensationOf?: string;
}

export interface InstanceState {
  schema: 1;
  status: InstanceStatus;
  businessKey?: string;
  /** Counter for token and scope ids; ids are deterministic within an instance. */
  seq: number;
  scopes: Scope[];
  tokens: Token[];
  /** Parent link when started by a call activity. */
  parent?: { instanceId: string; tokenId: string };
  incident?: { elementId: string; message: string; jobId?: string };
  /** The deadline, when the procedure declares a legal term (dosar:legalTerm); stored as `clock`. */
  clock?: Deadline & {
    /** Armed timers tied to the legal due date: rescheduled whenever the due date moves. */
    timers: Array<{ timerId: string; elementId: string }>;
  };
}

export type Command =
  | { type: 'start'; variables: Variables; startEventId?: string; businessKey?: string; parent?: { instanceId: string; tokenId: string } }
  | { type: 'completeTask'; taskId: string; variables: Variables }
  | { type: 'fireTimer'; timer: TimerRecord }
  | { type: 'correlateMessage'; subscription: SubscriptionRecord; variables: Variables }
  /** One delivery of a broadcast signal to a subscription of this instance. */
  | { type: 'catchSignal'; subscription: SubscriptionRecord; variables: Variables }
  | { type: 'completeJob'; jobId: string; variables: Variables }
  /** A BPMN business error thrown by a service-task handler: goes to an error boundary, never retried. */
  | { type: 'throwJobError'; jobId: string; errorCode: string; message?: string; variables?: Variables }
  /** A job's retries are exhausted, or a timer could not fire: the instance gets an incident. */
  | { type: 'raiseIncident'; message: string; jobId?: string; timer?: TimerRecord; elementId?: string }
  /** An incident's job is retried: clears the incident. */
  | { type: 'resolveIncident'; jobId: string }
  | { type: 'childCompleted'; tokenId: string; childInstanceId: string; variables: Variables }
  | { type: 'childFailed'; tokenId: string; childInstanceId: string; errorCode: string; message?: string }
  /** An escalation no handler in the called instance caught: raised at the call activity (code absent: thrown without one). */
  | { type: 'childEscalated'; tokenId: string; childInstanceId: string; escalationCode?: string }
  | { type: 'terminate'; reason?: string }
  | { type: 'setVariables'; variables: Variables }
  /** Suspends, resumes or extends the deadline (a clerk's decision, through the API or CLI). */
  | { type: 'deadline'; action: 'suspend' | 'resume' | 'extend'; amount?: number; unit?: string; reason?: string; source?: string };

export interface TaskRecord {
  id: string;
  elementId: string;
  name?: string;
  tokenId: string;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee?: string;
  formKey?: string;
  due?: string;
  followUp?: string;
  /** Multi-instance inner index, when the task is one of several. */
  loopIndex?: number;
}

export interface TimerRecord {
  id: string;
  elementId: string;
  tokenId?: string;
  scopeId?: string;
  dueAt: string;
  /** Remaining repetitions of a cycle (-1 = unbounded) and its period. */
  repeat?: { remaining: number; period: string };
}

export interface JobRecord {
  id: string;
  elementId: string;
  tokenId: string;
  handler: string;
  payload: Json;
  runAt: string;
  retries: number;
}

export interface SubscriptionRecord {
  id: string;
  /** Absent: a message subscription. */
  kind?: 'signal';
  /** The message's name, or the signal's. */
  messageName: string;
  elementId: string;
  tokenId?: string;
  scopeId?: string;
  correlationKey?: string;
}

export interface EventRecord {
  type: string;
  elementId?: string;
  data?: Json;
}

export type Effect =
  | { type: 'task.create'; task: TaskRecord }
  | { type: 'task.close'; taskId: string; outcome: 'completed' | 'cancelled' }
  | { type: 'timer.schedule'; timer: TimerRecord }
  | { type: 'timer.cancel'; timerId: string }
  | { type: 'job.enqueue'; job: JobRecord }
  | { type: 'job.cancel'; jobId: string }
  | { type: 'subscription.open'; subscription: SubscriptionRecord }
  | { type: 'subscription.close'; subscriptionId: string }
  /** Call activity: start another definition's instance in the same transaction. */
  | { type: 'instance.spawn'; childInstanceId: string; key: string; version?: number; variables: Variables; businessKey?: string; parentTokenId: string }
  /** A child instance ended (resume the parent's waiting token), or escalated past its own scopes (raise it at the call activity). */
  | { type: 'instance.notifyParent'; parent: { instanceId: string; tokenId: string }; outcome: 'completed' | 'error' | 'escalation'; variables: Variables; errorCode?: string; message?: string; escalationCode?: string }
  | { type: 'instance.terminateChild'; childInstanceId: string }
  /** A thrown signal: every subscription to the name, in any instance or start event, receives it. */
  | { type: 'signal.broadcast'; signalName: string; variables: Variables }
  | { type: 'event.append'; event: EventRecord };

export interface StepContext {
  instanceId: string;
  /** The one clock: ISO date-time of this step. */
  now: string;
  /** Supplies unguessable ids for tasks, timers, jobs, subscriptions and child instances. */
  newId: () => string;
  /** Functions expressions may call (the legal calendar with this installation's extra days). */
  functions?: Record<string, (...args: unknown[]) => unknown>;
  /** The legal calendar (statutory holidays plus this installation's extra days). */
  calendar?: Calendar;
}

export interface StepResult {
  state: InstanceState;
  effects: Effect[];
}
