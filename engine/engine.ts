import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import { builtInHandlers, type HandlerRegistry } from './jobs/handlers.ts';
import type { DeployedDefinition } from './model/definition.ts';
import type { AppendedEvent, CalendarDay, EnginePort, TaskView } from './ports.ts';
import type { Calendar } from './calendar/index.ts';
import { assertUuid, Commands, type Started, type StartedByCondition, type StartOptions } from './runtime/commands.ts';
import { Definitions, type CompiledModel, type DeployOptions } from './runtime/definitions.ts';
import type { DeployedDecision } from './dmn/decision.ts';
import { InstanceCache } from './runtime/instance-cache.ts';
import { JobRunner } from './runtime/job-runner.ts';
import { LegalCalendar } from './runtime/legal-calendar.ts';
import { OwnJobLeases } from './runtime/own-job-leases.ts';
import { ReadModels, type DeadlineView, type InstanceView } from './runtime/read-models.ts';
import { StepPipeline } from './runtime/step-pipeline.ts';
import { TimerFirer } from './runtime/timer-firer.ts';
import { SignalDeliverer } from './runtime/signal-deliverer.ts';

export type { DeadlineView, InstanceView } from './runtime/read-models.ts';
export type { CompiledModel } from './runtime/definitions.ts';

export interface EngineOptions {
  store: EnginePort;
  clock?: Clock;
  handlers?: HandlerRegistry;
  workerId?: string;
  /**
   * Job lease: a crashed worker's job is taken over after this long (default 30 s). A handler that
   * runs longer keeps its lease alive with a heartbeat (engine/jobs/heartbeat.ts).
   */
  leaseMs?: number;
  /** Told when a lease renewal fails (it is tried again at the next heartbeat). */
  onHeartbeatError?: (err: unknown) => void;
  backoffBaseMs?: number;
  /**
   * Running instances whose latest state this process keeps (and as many task -> instance links);
   * the least recently used leave first. Default 20,000; 0 keeps none.
   */
  instanceCacheSize?: number;
  /**
   * Told of every step this engine writes, once its transaction has committed (a step rolled back,
   * or redone after a revision conflict, is told once, for the write that stayed). For metrics.
   */
  onStepsCommitted?: (steps: number) => void;
}

export const DEFAULT_LEASE_MS = 30_000;

/**
 * The engine's one door: one command = one transaction. It checks its arguments and hands the work
 * to its parts (engine/runtime/): commands, the step pipeline, the instance cache (whose rule lives there),
 * definitions, the legal calendar, views, the job runner and the timer firer.
 *
 * Commands that take `tx` (a port on the caller's transaction) run inside it: every read and write
 * then goes through `tx`, so internal parts take the port as a required argument.
 */
export class Engine {
  readonly store: EnginePort;
  readonly clock: Clock;
  readonly handlers: HandlerRegistry;
  readonly workerId: string;
  private readonly cache: InstanceCache;
  private readonly definitions: Definitions;
  private readonly legalCalendar = new LegalCalendar();
  private readonly leases: OwnJobLeases;
  private readonly steps: StepPipeline;
  private readonly views: ReadModels;
  private readonly jobs: JobRunner;
  private readonly timers: TimerFirer;
  private readonly signals: SignalDeliverer;
  private readonly commands: Commands;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.handlers = options.handlers ?? builtInHandlers();
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.cache = new InstanceCache(options.instanceCacheSize);
    this.definitions = new Definitions(this.handlers);
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    // A job taken from the local queue must have time left to run before its lease ends.
    const runMarginMs = Math.min(60_000, leaseMs / 2);
    const { store, clock, cache, definitions } = this;
    this.leases = new OwnJobLeases(store, this.workerId, leaseMs, runMarginMs);
    this.steps = new StepPipeline({ store, clock, cache, definitions, calendar: this.legalCalendar, leases: this.leases, ...(options.onStepsCommitted ? { onStepsCommitted: options.onStepsCommitted } : {}) });
    this.views = new ReadModels({ store, clock, calendar: this.legalCalendar });
    this.jobs = new JobRunner({
      store, clock, handlers: this.handlers, leases: this.leases, steps: this.steps, runMarginMs,
      backoffBaseMs: options.backoffBaseMs ?? 10_000,
      ...(options.onHeartbeatError ? { onHeartbeatError: options.onHeartbeatError } : {}),
    });
    this.timers = new TimerFirer({ store, clock, cache, definitions, steps: this.steps });
    this.signals = new SignalDeliverer({ store, clock, cache, definitions, steps: this.steps });
    this.commands = new Commands({ store, clock, cache, definitions, calendar: this.legalCalendar, steps: this.steps, views: this.views });
  }

  /**
   * For a process that runs jobs (the executor, a worker loop calling runJobs): jobs its own steps
   * enqueue are written already leased to it and run without a claim, once the step has committed
   * (a step in a caller's transaction: once that transaction has; after a rollback the job never
   * existed). `onAdded` is told when there are some.
   */
  leaseOwnJobs(onAdded?: () => void): void {
    this.leases.start(onAdded);
  }

  /** Stops leasing and gives back the leased jobs not yet run, so any worker may claim them at once. */
  releaseOwnJobs(): Promise<void> {
    return this.leases.stop();
  }

  /** Compiles and checks a model without deploying it; deploying the result does not compile it again. */
  compile(xml: string): Promise<CompiledModel> {
    return this.definitions.compile(xml);
  }

  deploy(xml: string, options: { deployedBy?: string } = {}): Promise<DeployedDefinition[]> {
    return this.deployMany([xml], options);
  }

  /**
   * Deploys every process of every file (XML, or compiled by `compile`), all or nothing: one bad model
   * stores none. `decisions` are DMN files deployed with them (a procedure package's .dmn files).
   */
  deployMany(xmls: Array<string | CompiledModel>, options: DeployOptions = {}, port: EnginePort = this.store): Promise<DeployedDefinition[]> {
    return this.definitions.deploy(xmls, options, port, this.clock.now());
  }

  /** Deploys DMN files: each decision gets the next version of its id. Models deployed later call the latest. */
  async deployDecisions(xmls: string[], options: { deployedBy?: string } = {}, port: EnginePort = this.store): Promise<DeployedDecision[]> {
    return (await this.definitions.deployWithDecisions([], { ...options, decisions: xmls }, port, this.clock.now())).decisions;
  }

  findDefinition(key: string, version?: number, port: EnginePort = this.store): Promise<DeployedDefinition> {
    return this.definitions.find(key, version, port);
  }

  /**
   * Starts an instance. Pass `tx` (a port on the caller's transaction) to start it together with the
   * caller's own writes: both commit or neither does. `definitionId`, when the caller read it from
   * committed data (a procedure package), saves the look-up of key and version.
   */
  start(key: string, options: StartOptions = {}, tx?: EnginePort): Promise<Started> {
    return this.commands.start(key, options, tx);
  }

  /**
   * Starts several instances in the caller's transaction (`tx`), their first steps written in one
   * statement; any failure fails them all, and the caller's transaction must roll back.
   */
  startEach(items: Array<{ key: string; options: StartOptions }>, tx: EnginePort): Promise<Started[]> {
    return this.commands.startEach(items, tx);
  }

  /**
   * Gives instances just started in the caller's transaction (without a business key) their
   * business keys and root variables (e.g. registration numbers taken last): plain SQL in one
   * statement, no step, no expression, so it is cheap enough to run while a register's counter row
   * is locked.
   */
  assignBusinessKeys(changes: Array<{ instanceId: string; definitionId: string; businessKey: string; variables?: Record<string, string> }>, tx: EnginePort): Promise<void> {
    return this.commands.assignBusinessKeys(changes, tx);
  }

  /** Completes an open task; returns the tasks the step opened in that instance. `tx` as for start. */
  completeTask(taskId: string, variables?: unknown, tx?: EnginePort): Promise<{ instanceId: string; created: Array<{ id: string; elementId: string }> }> {
    return this.commands.completeTask(taskId, variables, tx);
  }

  /**
   * Claims (assignee set, only if nobody holds it or the same person does), reassigns (`force`) or
   * unclaims (null) an open task. Assignment does not move a token, so it is a row update plus an
   * event, not a step.
   */
  assignTask(taskId: string, assignee: string | null, options: { force?: boolean; by?: string } = {}): Promise<TaskView> {
    return this.commands.assignTask(taskId, assignee, options);
  }

  /**
   * Delivers a message to the instance waiting for it (by id or business key), or starts a procedure
   * with that message start event (with neither, it only starts one). `tx` as for start: the step
   * commits with the caller's writes.
   */
  correlate(messageName: string, target: { instanceId?: string; businessKey?: string }, variables?: unknown, tx?: EnginePort): Promise<{ instanceId: string; started: boolean }> {
    return this.commands.correlate(messageName, target, variables, tx);
  }

  /**
   * Delivers a message to each of several instances in the caller's transaction, their steps
   * written in one statement (a batch of payment confirmations). Returns, per item, whether its
   * instance waited for the message. Throws when any step fails: roll the transaction back.
   */
  correlateEach(messageName: string, items: Array<{ instanceId: string; variables: unknown }>, tx: EnginePort): Promise<boolean[]> {
    return this.commands.correlateEach(messageName, items, tx);
  }

  /**
   * Broadcasts a signal: every instance waiting for it (catch events, boundary events, event
   * sub-processes) receives it with the variables, and each procedure with a signal start event of
   * that name starts. Recorded in one statement, then delivered in batches of one transaction each;
   * what a crash leaves undelivered is delivered by the next `tick` of any process.
   */
  broadcastSignal(signalName: string, variables?: unknown): Promise<{ signalName: string; deliveries: number }> {
    return this.signals.broadcast(signalName, variables ?? {});
  }

  /**
   * Evaluates the process-level conditional start events of the latest version of every procedure
   * against `variables` and starts one instance at each whose condition holds (Camunda 7's
   * `createConditionEvaluation().evaluateStartConditions()`); returns those instances.
   */
  evaluateConditions(variables: unknown, options: { businessKey?: string } = {}): Promise<StartedByCondition[]> {
    return this.commands.evaluateConditions(variables, options);
  }

  terminate(instanceId: string, reason?: string): Promise<void> {
    return this.commands.terminate(instanceId, reason);
  }

  setVariables(instanceId: string, variables: unknown): Promise<void> {
    return this.commands.setVariables(instanceId, variables);
  }

  /** Retries the failed job behind an instance's incident. */
  retryIncident(instanceId: string, retries = 1): Promise<void> {
    return this.commands.retryIncident(instanceId, retries);
  }

  /** The legal calendar: statutory holidays plus the extra days stored by admins. */
  async calendar(): Promise<Calendar> {
    return (await this.legalCalendar.load(this.store)).calendar;
  }

  putCalendarDays(days: CalendarDay[]): Promise<void> {
    return this.legalCalendar.put(this.store, days);
  }

  /** A clerk's decision on the deadline: suspend (waiting for the citizen), resume, or extend with a reason. `tx` as for start. */
  changeDeadline(instanceId: string, change: { action: 'suspend' | 'resume' | 'extend'; amount?: number; unit?: string; reason?: string; source?: string }, tx?: EnginePort): Promise<DeadlineView> {
    return this.commands.changeDeadline(instanceId, change, tx);
  }

  /** Adds an event the application records (no step: it moves no token), on the caller's transaction if given. */
  async recordEvent(instanceId: string, event: AppendedEvent, at: Date = this.clock.now(), tx: EnginePort = this.store): Promise<void> {
    await tx.appendEvent(instanceId, event, at);
  }

  getInstance(id: string): Promise<InstanceView> {
    assertUuid(id, 'instance');
    return this.views.instance(id);
  }

  /** Several instances as `getInstance` shows them, without their events (lists); unknown ids are left out. */
  getInstances(ids: string[]): Promise<Array<Omit<InstanceView, 'events'>>> {
    ids.forEach((id) => assertUuid(id, 'instance'));
    return this.views.instances(ids);
  }

  /** Open tasks; `overdue` is computed against the engine's clock at every read, never stored. */
  listTasks(query: { instanceId?: string; group?: string; assignee?: string; limit?: number } = {}): Promise<Array<TaskView & { overdue: boolean }>> {
    if (query.instanceId) assertUuid(query.instanceId, 'instance');
    return this.views.openTasks(query);
  }

  /** Moves a running instance to another version of its procedure with an explicit element mapping. */
  migrate(instanceId: string, toVersion: number, map: Record<string, string>): Promise<InstanceView> {
    return this.commands.migrate(instanceId, toVersion, map);
  }

  /** Fires every timer, delivers every signal thrown and runs every job due by now; returns how many of each. */
  async tick(options: { maxJobs?: number; maxTimers?: number; maxSignals?: number } = {}): Promise<{ timers: number; jobs: number; signals: number }> {
    let timers = 0;
    let jobs = 0;
    let signals = 0;
    const maxTimers = options.maxTimers ?? 10_000;
    const maxJobs = options.maxJobs ?? 10_000;
    const maxSignals = options.maxSignals ?? 10_000;
    // Repeat until quiet: a job may lead to a timer already due or a signal, and the other way round.
    for (;;) {
      const firedNow = await this.timers.fireDue(maxTimers - timers);
      const deliveredNow = await this.signals.deliverDue(maxSignals - signals);
      const ranNow = await this.jobs.runDue(maxJobs - jobs);
      timers += firedNow;
      signals += deliveredNow;
      jobs += ranNow;
      if ((firedNow === 0 && ranNow === 0 && deliveredNow === 0) || timers >= maxTimers || jobs >= maxJobs || signals >= maxSignals) return { timers, jobs, signals };
    }
  }

  /** Runs the jobs leased to this worker by its own steps (see leaseOwnJobs); returns how many ran. */
  runOwnJobs(): Promise<number> {
    return this.jobs.runOwn();
  }

  /** Runs up to `limit` due jobs (service tasks); returns how many ran. */
  runJobs(limit: number): Promise<number> {
    return this.jobs.runDue(limit);
  }
}
