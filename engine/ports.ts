import type { Effect, InstanceState, JobRecord, SubscriptionRecord, TimerRecord, Variables } from './core/types.ts';
import type { DecisionBundle, DeployedDecision } from './dmn/decision.ts';
import type { Definition, DeployedDefinition } from './model/definition.ts';

/**
 * What the engine needs from storage. The knex/SQL implementation lives in engine/store;
 * nothing outside it sees rows or SQL.
 */

export interface StoredInstance {
  id: string;
  definitionId: string;
  key: string;
  version: number;
  businessKey?: string;
  state: InstanceState;
  rev: number;
}

export interface TaskView {
  id: string;
  instanceId: string;
  elementId: string;
  name: string | null;
  candidateGroups: string[];
  assignee: string | null;
  due: string | null;
}

export interface EventView {
  type: string;
  elementId?: string;
  at: string;
  data?: unknown;
}

/** An event the application adds to an instance's history: `noun.verb`, as the engine's own. */
export interface AppendedEvent {
  type: string;
  elementId?: string | null;
  data?: unknown;
}

export interface ClaimedJob extends JobRecord {
  instanceId: string;
  attempts: number;
}

export interface StepWrite {
  instanceId: string;
  definitionId: string;
  key: string;
  version: number;
  businessKey?: string;
  parentInstanceId?: string;
  /** null when the instance is new. */
  expectedRev: number | null;
  state: InstanceState;
  /** The state the step started from (null for a new instance): token rows are written as a diff. */
  previous: InstanceState | null;
  effects: Effect[];
  now: Date;
  /** These jobs of the step's are written leased to this worker (it runs them without a claim). */
  jobLease?: { workerId: string; until: Date; jobIds: string[] };
}

export interface CalendarDay {
  date: string;
  kind: 'non-working' | 'working';
  reason: string;
}

/** One broadcast signal on its way to one subscription (of an instance, or a signal start event). */
export interface SignalDelivery {
  id: string;
  signalName: string;
  variables: Variables;
  subscription: SubscriptionRecord;
  instanceId?: string;
  definitionId?: string;
}

export interface StartEventTimer extends TimerRecord {
  definitionId: string;
}

/** A unit of storage work; inside `transaction` every call joins the same database transaction. */
export interface EnginePort {
  transaction<T>(fn: (tx: EnginePort) => Promise<T>): Promise<T>;
  /** Runs `fn` once the transaction this port belongs to has committed (at once outside one); never after a rollback. */
  afterCommit(fn: () => void): void;

  insertDefinitions(items: Array<{ key: string; definition: Definition; xml: string; deployedBy?: string }>, now: Date): Promise<DeployedDefinition[]>;
  getDefinition(id: string): Promise<DeployedDefinition | undefined>;
  getLatestDefinition(key: string): Promise<DeployedDefinition | undefined>;
  getDefinitionVersion(key: string, version: number): Promise<DeployedDefinition | undefined>;
  /** The latest version of every procedure that has a conditional start event (at any level: the caller filters). */
  listLatestWithConditionalStarts(): Promise<DeployedDefinition[]>;
  /** Deployed DMN decisions, versioned per decision id (engine/dmn/). */
  insertDecisions(items: Array<{ key: string; name?: string; decisions: DecisionBundle; xml: string; deployedBy?: string }>, now: Date): Promise<DeployedDecision[]>;
  getLatestDecision(key: string): Promise<DeployedDecision | undefined>;

  loadInstance(id: string): Promise<StoredInstance | undefined>;
  /** Several instances in one read; missing ids are left out. */
  loadInstances(ids: string[]): Promise<StoredInstance[]>;
  findInstanceIdByTask(taskId: string): Promise<string | undefined>;
  /** Message subscriptions of running instances (by instance or business key) or of message start events. */
  findSubscriptions(query: { messageName: string; instanceId?: string; businessKey?: string }): Promise<Array<SubscriptionRecord & { instanceId?: string; definitionId?: string }>>;
  /** The message subscriptions of these running instances, in one read (a batch of correlations). */
  findInstanceSubscriptions(messageName: string, instanceIds: string[]): Promise<Array<SubscriptionRecord & { instanceId?: string }>>;
  /** Persists a step atomically; false when the instance changed since it was loaded. */
  applyStep(write: StepWrite): Promise<boolean>;
  /** Persists steps of distinct instances in one statement; returns the instances written (the others were stale). */
  applySteps(writes: StepWrite[]): Promise<Set<string>>;
  /** Re-points an instance at another version of its procedure, with its tokens and tasks. */
  migrateInstance(write: { instanceId: string; expectedRev: number; definitionId: string; version: number; state: InstanceState; elementMap: Record<string, string>; now: Date }): Promise<boolean>;

  /** Timer and message start events of a definition replace those of the procedure's earlier versions. */
  replaceStartEvents(key: string, definitionId: string, timers: TimerRecord[], subscriptions: SubscriptionRecord[]): Promise<void>;
  /** Records a broadcast: one delivery per subscription to the name now; returns how many. */
  broadcastSignal(signalName: string, variables: Variables, now: Date): Promise<number>;
  /** Claims the oldest deliveries (row locks held by the caller's transaction, skipped by others). */
  claimSignalDeliveries(limit: number): Promise<SignalDelivery[]>;
  deleteSignalDeliveries(ids: string[]): Promise<void>;
  countSignalDeliveries(): Promise<number>;
  /** Claims due timers; the caller fires them in the same transaction (the row lock is the claim). */
  claimDueTimers(now: Date, limit: number): Promise<Array<TimerRecord & { instanceId?: string; definitionId?: string }>>;
  deleteTimer(id: string): Promise<void>;
  insertStartEventTimer(timer: StartEventTimer): Promise<void>;
  claimJobs(options: { now: Date; limit: number; workerId: string; leaseMs: number }): Promise<ClaimedJob[]>;
  /**
   * Records a failed attempt; exhausted = no retries left (the job is now an incident). Else the job
   * runs again at retryAt, or after a wait doubling from backoffBaseMs with each attempt.
   */
  failJob(options: { jobId: string; workerId: string; error: string; now: Date; backoffBaseMs: number; retryAt?: Date }): Promise<{ exhausted: boolean }>;
  /** Makes a failed job (status incident) ready again; false when the job is not failed. */
  retryJob(jobId: string, retries: number, now: Date): Promise<boolean>;
  /** Gives back jobs leased to a worker that will not run them: any worker may claim them at once. */
  releaseJobs(jobIds: string[], workerId: string): Promise<void>;
  /** Extends the leases a worker still holds (its heartbeat); returns the ids it still holds. */
  extendJobLeases(jobIds: string[], workerId: string, until: Date): Promise<string[]>;

  listCalendarDays(): Promise<CalendarDay[]>;
  /** Adds or replaces extra non-working (or worked) days, all in one go. */
  putCalendarDays(days: CalendarDay[]): Promise<void>;

  /** Sets an open task's assignee and records the event; 'taken' when someone else holds it and force is off. */
  assignTask(change: { taskId: string; assignee: string | null; force: boolean; by?: string; now: Date }): Promise<TaskView | 'not-found' | 'taken'>;
  listOpenTasks(query: { instanceId?: string; group?: string; assignee?: string; limit?: number }): Promise<TaskView[]>;
  listEvents(instanceId: string): Promise<EventView[]>;
  /** Appends one event the application records (a document issued) to an instance's history. */
  appendEvent(instanceId: string, event: AppendedEvent, at: Date): Promise<void>;
  /**
   * Gives instances started in the caller's transaction, without a business key, their business
   * keys (their message subscriptions too) and root variables, each with an event: plain SQL in one
   * statement, no step, so a registry can number requests last, while its counter row is locked,
   * without running anything.
   */
  assignBusinessKeys(changes: BusinessKeyChange[], now: Date): Promise<void>;
}

/** An instance's business key and the root variables that go with it; `messageNames`: its definition's. */
export interface BusinessKeyChange { instanceId: string; businessKey: string; variables: Record<string, string>; messageNames: string[] }
