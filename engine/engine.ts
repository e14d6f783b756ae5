import { randomUUID } from 'node:crypto';
import { AppError, toAppError, type Problem } from './errors.ts';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import { step } from './core/step.ts';
import type { Command, Effect, InstanceState, StepResult, TimerRecord, Variables } from './core/types.ts';
import { firstStartTimer, nextStartTimer } from './core/start-timers.ts';
import { BpmnError, builtInHandlers, type HandlerRegistry } from './jobs/handlers.ts';
import { OwnJobs } from './jobs/own-jobs.ts';
import { Heartbeat } from './jobs/heartbeat.ts';
import type { Definition, DeployedDefinition } from './model/definition.ts';
import { compileModel } from './model/index.ts';
import { planMigration } from './migrate-instance.ts';
import type { AppendedEvent, CalendarDay, ClaimedJob, EnginePort, EventView, StoredInstance, TaskView } from './ports.ts';
import { calendarFeelFunctions, clockStatus, createCalendar, type Calendar, type ClockEvent, type ClockStatus, type LegalTerm } from './calendar/index.ts';
import type { FeelFunctions } from './expressions/feel.ts';
import { assertVariables } from './variables.ts';
import { assertStorableText } from './storable-text.ts';
import { isUuid } from './ids.ts';

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
}

export interface InstanceView {
  id: string;
  key: string;
  version: number;
  businessKey?: string;
  status: InstanceState['status'];
  active: string[];
  variables: Variables;
  incident?: InstanceState['incident'];
  clock?: ClockView;
  events: EventView[];
}

export type ClockView = ClockStatus & { term: LegalTerm; events: ClockEvent[] };

interface Work {
  instanceId: string;
  command: Command;
  /** For a new instance: the definition it starts on. */
  definition?: DeployedDefinition;
}

const MAX_ATTEMPTS = 8;
export const DEFAULT_LEASE_MS = 30_000;
const CACHE_LIMIT = 20_000;

/**
 * The engine facade: one command = one transaction. Latest instance states are kept in memory and
 * every write is guarded by the row's revision, so a step is usually one round trip; a stale cache
 * (another process moved the instance) shows up as a revision conflict and the step is redone.
 */
export class Engine {
  readonly store: EnginePort;
  readonly clock: Clock;
  readonly handlers: HandlerRegistry;
  readonly workerId: string;
  private readonly leaseMs: number;
  private readonly backoffBaseMs: number;
  private readonly instances = new Map<string, StoredInstance>();
  private readonly taskInstance = new Map<string, string>();
  private readonly definitions = new Map<string, DeployedDefinition>();
  private calendarCache?: Promise<{ calendar: Calendar; functions: FeelFunctions }>;
  private readonly ownJobs: OwnJobs;
  private leasingOwnJobs = false;
  private readonly heartbeat: Heartbeat;
  /** A job starts only with this much of its lease left; from then on the heartbeat keeps it. */
  private readonly runMarginMs: number;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.handlers = options.handlers ?? builtInHandlers();
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.backoffBaseMs = options.backoffBaseMs ?? 10_000;
    // A job taken from the local queue must have time left to run before its lease ends.
    this.runMarginMs = Math.min(60_000, this.leaseMs / 2);
    this.ownJobs = new OwnJobs(this.runMarginMs);
    this.heartbeat = new Heartbeat({
      leaseMs: this.leaseMs,
      now: () => this.clock.now().getTime(),
      extend: (jobIds, until) => this.store.extendJobLeases(jobIds, this.workerId, until),
      ...(options.onHeartbeatError ? { onError: options.onHeartbeatError } : {}),
    });
  }

  /**
   * For a process that runs jobs (the executor, a worker loop calling runJobs): jobs its own steps
   * enqueue are written already leased to it and run without a claim, once the step has committed
   * (a step in a caller's transaction: once that transaction has; after a rollback the job never
   * existed). `onAdded` is told when there are some.
   */
  leaseOwnJobs(onAdded?: () => void): void {
    this.leasingOwnJobs = true;
    this.ownJobs.onAdded(onAdded);
  }

  /** Stops leasing and gives back the leased jobs not yet run, so any worker may claim them at once. */
  async releaseOwnJobs(): Promise<void> {
    this.leasingOwnJobs = false;
    this.ownJobs.onAdded(undefined);
    await this.store.releaseJobs(this.ownJobs.drain().map((j) => j.id), this.workerId);
  }

  deploy(xml: string, options: { deployedBy?: string } = {}): Promise<DeployedDefinition[]> {
    return this.deployMany([xml], options);
  }

  /** Deploys every process of every file, all or nothing: one bad model stores none. */
  async deployMany(xmls: string[], options: { deployedBy?: string } = {}, port: EnginePort = this.store): Promise<DeployedDefinition[]> {
    const items: Array<{ key: string; definition: Definition; xml: string; deployedBy?: string }> = [];
    const problems: Problem[] = [];
    for (const xml of xmls) {
      // A character reference (&#0;, &#xD800;) can bring into the compiled model what the text lacks.
      assertStorableText(xml, 'Modelul BPMN / The BPMN model', 'xml-invalid');
      try {
        for (const definition of await compileModel(xml)) {
          assertStorableText(definition, `Modelul BPMN / The BPMN model ${definition.key}`, 'xml-invalid');
          items.push({ key: definition.key, definition, xml, ...options });
        }
      } catch (err) {
        if (!(err instanceof AppError) || !err.problems || xmls.length === 1) throw err;
        problems.push(...err.problems);
      }
    }
    if (problems.length > 0) throw new AppError('definition-invalid', `The models have ${problems.length} problem(s); nothing was deployed`, { problems });
    const now = this.clock.now();
    return port.transaction(async (tx) => {
      const deployed = await tx.insertDefinitions(items, now);
      for (const d of deployed) {
        this.definitions.set(d.id, d);
        const { timers, subscriptions } = startEventsOf(d, now);
        await tx.replaceStartEvents(d.key, d.id, timers, subscriptions);
      }
      return deployed;
    });
  }

  /**
   * Starts an instance. Pass `tx` (a port on the caller's transaction) to start it together with the
   * caller's own writes: both commit or neither does.
   */
  async start(key: string, options: { variables?: unknown; businessKey?: string; version?: number; startEventId?: string } = {}, tx?: EnginePort): Promise<{ id: string; status: string; definitionId: string; version: number; due?: string | null }> {
    const variables = assertVariables(options.variables);
    assertStorableText({ key, businessKey: options.businessKey }, 'Cheia / The key');
    const definition = await this.findDefinition(key, options.version, tx);
    const id = randomUUID();
    const written = new Map<string, StoredInstance>();
    await this.run([{ instanceId: id, definition, command: { type: 'start', variables, ...(options.businessKey ? { businessKey: options.businessKey } : {}), ...(options.startEventId ? { startEventId: options.startEventId } : {}) } }], tx, written);
    const state = (written.get(id) ?? this.instances.get(id))?.state;
    // The legal due date, when the procedure has a term: callers show it at once (receipts).
    const due = state?.clock ? clockStatus(state.clock, (await this.loadCalendar(tx)).calendar).due : undefined;
    return { id, status: state?.status ?? 'active', definitionId: definition.id, version: definition.version, ...(due !== undefined ? { due } : {}) };
  }

  /**
   * Gives an instance just started in the caller's transaction (without a business key) its
   * business key and root variables (e.g. a registration number taken last): plain SQL, no step,
   * no expression, so it is cheap enough to run while a register's counter row is locked.
   */
  async assignBusinessKey(instanceId: string, change: { definitionId: string; businessKey: string; variables?: Record<string, string> }, tx: EnginePort): Promise<void> {
    this.instances.delete(instanceId);
    const definition = await this.definitionById(change.definitionId, tx);
    await tx.assignBusinessKey({ instanceId, businessKey: change.businessKey, variables: change.variables ?? {}, messageNames: messageNamesOf(definition.definition), now: this.clock.now() });
  }

  /** Completes an open task; returns the tasks the step opened in that instance. `tx` as for start. */
  async completeTask(taskId: string, variables?: unknown, tx?: EnginePort): Promise<{ instanceId: string; created: Array<{ id: string; elementId: string }> }> {
    const vars = assertVariables(variables);
    assertUuid(taskId, 'task');
    const instanceId = this.taskInstance.get(taskId) ?? (await (tx ?? this.store).findInstanceIdByTask(taskId));
    if (!instanceId) throw new AppError('task-not-found', `Task ${taskId} does not exist`);
    const effects = await this.run([{ instanceId, command: { type: 'completeTask', taskId, variables: vars } }], tx);
    this.taskInstance.delete(taskId);
    return { instanceId, created: effects.flatMap((e) => (e.type === 'task.create' ? [{ id: e.task.id, elementId: e.task.elementId }] : [])) };
  }

  /**
   * Claims (assignee set, only if nobody holds it or the same person does), reassigns (`force`) or
   * unclaims (null) an open task. Assignment does not move a token, so it is a row update plus an
   * event, not a step.
   */
  async assignTask(taskId: string, assignee: string | null, options: { force?: boolean; by?: string } = {}): Promise<TaskView> {
    assertUuid(taskId, 'task');
    const result = await this.store.assignTask({ taskId, assignee, force: options.force ?? false, now: this.clock.now(), ...(options.by ? { by: options.by } : {}) });
    if (result === 'not-found') throw new AppError('task-not-found', `Task ${taskId} is not open`);
    if (result === 'taken') throw new AppError('conflict', `Task ${taskId} is already claimed by someone else`);
    return result;
  }

  /** Delivers a message to the instance waiting for it (by id or business key), or starts a procedure with that message start event. */
  async correlate(messageName: string, target: { instanceId?: string; businessKey?: string }, variables?: unknown): Promise<{ instanceId: string; started: boolean }> {
    const vars = assertVariables(variables);
    assertStorableText({ messageName, ...target }, 'Mesajul / The message');
    if (!target.instanceId && !target.businessKey) throw new AppError('bad-input', 'Say which instance: an instance id or a business key');
    if (target.instanceId) assertUuid(target.instanceId, 'instance');
    const subs = await this.store.findSubscriptions({ messageName, ...target });
    const running = subs.find((s) => s.instanceId);
    if (running) {
      await this.run([{ instanceId: running.instanceId!, command: { type: 'correlateMessage', subscription: running, variables: vars } }]);
      return { instanceId: running.instanceId!, started: false };
    }
    const starter = subs.find((s) => s.definitionId);
    if (starter && !target.instanceId) {
      const definition = await this.definitionById(starter.definitionId!);
      const { id } = await this.start(definition.key, { variables: vars, businessKey: target.businessKey, version: definition.version, startEventId: starter.elementId });
      return { instanceId: id, started: true };
    }
    throw new AppError('message-not-correlated', `No instance waits for the message "${messageName}"${target.instanceId ? ` (instance ${target.instanceId})` : ` (business key ${target.businessKey})`}`);
  }

  async terminate(instanceId: string, reason?: string): Promise<void> {
    assertUuid(instanceId, 'instance');
    assertStorableText(reason, 'Motivul / The reason');
    await this.run([{ instanceId, command: { type: 'terminate', ...(reason ? { reason } : {}) } }]);
  }

  async setVariables(instanceId: string, variables: unknown): Promise<void> {
    assertUuid(instanceId, 'instance');
    await this.run([{ instanceId, command: { type: 'setVariables', variables: assertVariables(variables) } }]);
  }

  /** Retries the failed job behind an instance's incident. */
  async retryIncident(instanceId: string, retries = 1): Promise<void> {
    assertUuid(instanceId, 'instance');
    const instance = await this.loadFresh(instanceId);
    const jobId = instance.state.incident?.jobId;
    await this.store.transaction(async (tx) => {
      if (jobId) await tx.retryJob(jobId, retries, this.clock.now());
      await this.run([{ instanceId, command: { type: 'resolveIncident', jobId: jobId ?? '' } }], tx);
    });
  }

  /** The legal calendar: statutory holidays plus the extra days stored by admins. */
  async calendar(): Promise<Calendar> {
    return (await this.loadCalendar()).calendar;
  }

  /** Inside a transaction, pass its port: on PGlite a read outside it would wait for it forever. */
  private loadCalendar(port: EnginePort = this.store): Promise<{ calendar: Calendar; functions: FeelFunctions }> {
    this.calendarCache ??= port.listCalendarDays().then((days) => {
      const calendar = createCalendar({
        extraNonWorkingDays: days.filter((d) => d.kind === 'non-working'),
        extraWorkingDays: days.filter((d) => d.kind === 'working'),
      });
      return { calendar, functions: calendarFeelFunctions(calendar) };
    }).catch((err) => {
      this.calendarCache = undefined;
      throw err;
    });
    return this.calendarCache;
  }

  async putCalendarDays(days: CalendarDay[]): Promise<void> {
    for (const d of days) createCalendar({ extraNonWorkingDays: [d] });
    assertStorableText(days, 'Zilele / The days');
    await this.store.putCalendarDays(days);
    this.calendarCache = undefined;
  }

  /** A clerk's decision on the legal clock: suspend (waiting for the citizen), resume, or extend with a reason. */
  async changeClock(instanceId: string, change: { action: 'suspend' | 'resume' | 'extend'; amount?: number; unit?: string; reason?: string; source?: string }, tx?: EnginePort): Promise<ClockView> {
    assertUuid(instanceId, 'instance');
    assertStorableText(change, 'Modificarea termenului / The clock change');
    const written = new Map<string, StoredInstance>();
    await this.run([{ instanceId, command: { type: 'clock', ...change } }], tx, written);
    const state = (written.get(instanceId) ?? this.instances.get(instanceId) ?? (await this.loadFresh(instanceId))).state;
    if (!state.clock) throw new AppError('clock-invalid', `Instance ${instanceId} has no legal clock`);
    return { ...clockStatus(state.clock, await this.calendar()), term: state.clock.term, events: state.clock.events };
  }

  /** Adds an event the application records (no step: it moves no token), on the caller's transaction if given. */
  async recordEvent(instanceId: string, event: AppendedEvent, at: Date = this.clock.now(), tx: EnginePort = this.store): Promise<void> {
    await tx.appendEvent(instanceId, event, at);
  }

  async getInstance(id: string): Promise<InstanceView> {
    assertUuid(id, 'instance');
    const instance = await this.loadFresh(id);
    return { ...this.summary(instance, await this.calendar()), events: await this.store.listEvents(id) };
  }

  /** Several instances as `getInstance` shows them, without their events (lists); unknown ids are left out. */
  async getInstances(ids: string[]): Promise<Array<Omit<InstanceView, 'events'>>> {
    ids.forEach((id) => assertUuid(id, 'instance'));
    if (ids.length === 0) return [];
    const calendar = await this.calendar();
    return (await this.store.loadInstances(ids)).map((instance) => this.summary(instance, calendar));
  }

  private summary(instance: StoredInstance, calendar: Calendar): Omit<InstanceView, 'events'> {
    const root = instance.state.scopes.find((s) => s.kind === 'process');
    const clock = instance.state.clock;
    return {
      id: instance.id,
      key: instance.key,
      version: instance.version,
      ...(instance.businessKey ? { businessKey: instance.businessKey } : {}),
      status: instance.state.status,
      active: [...new Set(instance.state.tokens.map((t) => t.elementId))],
      variables: root?.variables ?? {},
      ...(instance.state.incident ? { incident: instance.state.incident } : {}),
      ...(clock ? { clock: { ...clockStatus(clock, calendar), term: clock.term, events: clock.events } } : {}),
    };
  }

  /** Open tasks; `overdue` is computed against the engine's clock at every read, never stored. */
  async listTasks(query: { instanceId?: string; group?: string; assignee?: string; limit?: number } = {}): Promise<Array<TaskView & { overdue: boolean }>> {
    if (query.instanceId) assertUuid(query.instanceId, 'instance');
    const now = this.clock.now().toISOString();
    return (await this.store.listOpenTasks(query)).map((t) => ({ ...t, overdue: t.due !== null && t.due < now }));
  }

  /** Moves a running instance to another version of its procedure with an explicit element mapping. */
  async migrate(instanceId: string, toVersion: number, map: Record<string, string>): Promise<InstanceView> {
    assertUuid(instanceId, 'instance');
    const instance = await this.loadFresh(instanceId);
    const from = await this.definitionById(instance.definitionId);
    const to = await this.findDefinition(instance.key, toVersion);
    const plan = planMigration(from.definition, to.definition, instance.state, map);
    const ok = await this.store.migrateInstance({ instanceId, expectedRev: instance.rev, definitionId: to.id, version: to.version, state: plan.state, elementMap: plan.elementMap, now: this.clock.now() });
    this.instances.delete(instanceId);
    if (!ok) throw new AppError('conflict', `Instance ${instanceId} changed while it was being migrated; try again`);
    return this.getInstance(instanceId);
  }

  /** Fires every timer and runs every job due by now; returns how many of each. */
  async tick(options: { maxJobs?: number; maxTimers?: number } = {}): Promise<{ timers: number; jobs: number }> {
    let timers = 0;
    let jobs = 0;
    const maxTimers = options.maxTimers ?? 10_000;
    const maxJobs = options.maxJobs ?? 10_000;
    // Repeat until quiet: a job may lead to a timer already due and the other way round.
    for (;;) {
      const firedNow = await this.fireDueTimers(maxTimers - timers);
      const ranNow = await this.runDueJobs(maxJobs - jobs);
      timers += firedNow;
      jobs += ranNow;
      if ((firedNow === 0 && ranNow === 0) || timers >= maxTimers || jobs >= maxJobs) return { timers, jobs };
    }
  }

  private async fireDueTimers(limit: number): Promise<number> {
    let fired = 0;
    while (fired < limit) {
      const now = this.clock.now();
      const outcome = await this.store.transaction(async (tx) => {
        const [timer] = await tx.claimDueTimers(now, 1);
        if (!timer) return 'none' as const;
        try {
          await tx.transaction((inner) => this.fireTimer(inner, timer));
          return 'fired' as const;
        } catch (err) {
          return { timer, error: toAppError(err) };
        }
      });
      if (outcome === 'none') return fired;
      if (outcome !== 'fired') await this.timerFailed(outcome.timer, outcome.error);
      fired += 1;
    }
    return fired;
  }

  private async fireTimer(tx: EnginePort, timer: TimerRecord & { instanceId?: string; definitionId?: string }): Promise<void> {
    if (timer.instanceId) {
      await this.run([{ instanceId: timer.instanceId, command: { type: 'fireTimer', timer } }], tx);
      return;
    }
    // A timer start event: start a new instance and arm the next occurrence of a cycle.
    const definition = await this.definitionById(timer.definitionId!, tx);
    await tx.deleteTimer(timer.id);
    const next = nextStartTimer(timer);
    if (next) await tx.insertStartEventTimer({ ...next, definitionId: definition.id });
    await this.run([{ instanceId: randomUUID(), definition, command: { type: 'start', variables: {}, startEventId: timer.elementId } }], tx);
  }

  private async timerFailed(timer: TimerRecord & { instanceId?: string }, error: Error): Promise<void> {
    if (!timer.instanceId) {
      await this.store.deleteTimer(timer.id);
      return;
    }
    this.instances.delete(timer.instanceId);
    await this.run([{ instanceId: timer.instanceId, command: { type: 'raiseIncident', timer, message: error.message } }]);
  }

  /** Runs the jobs leased to this worker by its own steps (see leaseOwnJobs); returns how many ran. */
  async runOwnJobs(): Promise<number> {
    let ran = 0;
    for (let jobs = this.ownJobs.take(16, this.clock.now()); jobs.length > 0; jobs = this.ownJobs.take(16, this.clock.now())) {
      ran += await this.runLeased(jobs);
    }
    return ran;
  }

  /** Runs up to `limit` due jobs (service tasks); returns how many ran. */
  runJobs(limit: number): Promise<number> {
    return this.runDueJobs(limit);
  }

  private async runDueJobs(limit: number): Promise<number> {
    let ran = 0;
    while (ran < limit) {
      const want = Math.min(16, limit - ran);
      const now = this.clock.now();
      const jobs = this.ownJobs.take(want, now);
      if (jobs.length < want) {
        const claimed = await this.store.claimJobs({ now, limit: want - jobs.length, workerId: this.workerId, leaseMs: this.leaseMs });
        for (const job of claimed) jobs.push({ job, leasedUntil: now.getTime() + this.leaseMs });
      }
      ran += await this.runLeased(jobs);
      if (jobs.length < want) return ran;
    }
    return ran;
  }

  /**
   * Runs leased jobs one after another. One that waited behind a slow handler until its lease was
   * nearly out is given back instead (another worker may be taking it over just now), not run twice.
   */
  private async runLeased(jobs: Array<{ job: ClaimedJob; leasedUntil: number }>): Promise<number> {
    let ran = 0;
    const late: string[] = [];
    for (const { job, leasedUntil } of jobs) {
      if (leasedUntil - this.clock.now().getTime() < this.runMarginMs) {
        late.push(job.id);
        continue;
      }
      await this.runJob(job, leasedUntil);
      ran += 1;
    }
    if (late.length > 0) await this.store.releaseJobs(late, this.workerId);
    return ran;
  }

  private async runJob(job: ClaimedJob, leasedUntil: number): Promise<void> {
    const handler = this.handlers.get(job.handler);
    const payload = (job.payload ?? {}) as { variables?: Variables; options?: Record<string, never> };
    let result: Variables | void;
    const lease = this.heartbeat.watch(job.id, leasedUntil);
    try {
      if (!handler) throw new Error(`No handler is registered under "${job.handler}"`);
      result = await handler.run({
        job: { id: job.id, instanceId: job.instanceId, elementId: job.elementId, handler: job.handler, attempts: job.attempts },
        variables: payload.variables ?? {},
        options: payload.options ?? {},
        now: this.clock.now(),
      });
    } catch (err) {
      this.heartbeat.unwatch(job.id);
      // Another worker has taken the job over: its outcome is theirs to record.
      if (lease.lost) return;
      if (err instanceof BpmnError) {
        await this.run([{ instanceId: job.instanceId, command: { type: 'throwJobError', jobId: job.id, errorCode: err.errorCode, message: err.message, ...(err.variables ? { variables: err.variables } : {}) } }]);
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      const { exhausted } = await this.store.failJob({ jobId: job.id, workerId: this.workerId, error: message, now: this.clock.now(), backoffBaseMs: this.backoffBaseMs });
      if (exhausted) await this.run([{ instanceId: job.instanceId, command: { type: 'raiseIncident', jobId: job.id, message } }]);
      return;
    }
    this.heartbeat.unwatch(job.id);
    if (lease.lost) return;
    await this.run([{ instanceId: job.instanceId, command: { type: 'completeJob', jobId: job.id, variables: assertVariables(result ?? {}, 'handler result') } }]);
  }

  /**
   * Runs commands to completion. A command that touches one instance is one statement; one that
   * reaches other instances (call activities) runs them all in one transaction.
   */
  private async run(work: Work[], tx?: EnginePort, written = new Map<string, StoredInstance>()): Promise<Effect[]> {
    for (let attempt = 1; ; attempt++) {
      const cached = work.some((w) => this.instances.has(w.instanceId));
      written.clear();
      try {
        if (!tx) return await this.runOnce(work, written);
        // Inside the caller's transaction nothing is cached: it may still roll back.
        const effects = await this.runAll(tx, work, written);
        for (const id of written.keys()) this.instances.delete(id);
        return effects;
      } catch (err) {
        // A cached state can be a step behind another client of this process: an error computed
        // from it (task not open, job not awaited) is only believed once seen on fresh state.
        const stale = err instanceof RevisionConflict || (cached && err instanceof AppError);
        if (stale) for (const w of work) this.instances.delete(w.instanceId);
        if (!stale || attempt >= MAX_ATTEMPTS || tx) throw err instanceof RevisionConflict ? new AppError('conflict', 'The request changed concurrently too often; try again') : err;
      }
    }
  }

  /** Returns the effects of the first command (the one the caller asked for). */
  private async runOnce(work: Work[], written: Map<string, StoredInstance>): Promise<Effect[]> {
    // The common case: one instance, no cross-instance effects, one write.
    if (work.length === 1) {
      const prepared = await this.prepare(work[0]!, new Map());
      if (!prepared.result.effects.some((e) => e.type.startsWith('instance.'))) {
        const after = await this.write(this.store, prepared);
        written.set(after.id, after);
        return prepared.result.effects;
      }
    }
    const effects = await this.store.transaction((tx) => this.runAll(tx, work, written));
    // Only cache what committed.
    for (const w of written.values()) this.remember(w);
    return effects;
  }

  private async runAll(tx: EnginePort, initial: Work[], written: Map<string, StoredInstance>): Promise<Effect[]> {
    const queue = [...initial];
    let first: Effect[] | undefined;
    while (queue.length > 0) {
      const prepared = await this.prepare(queue.shift()!, written, tx);
      first ??= prepared.result.effects;
      const after = await this.write(tx, prepared, false);
      written.set(after.id, after);
      queue.push(...(await this.followUps(prepared, tx)));
    }
    return first ?? [];
  }

  private async prepare(work: Work, local: Map<string, StoredInstance>, tx: EnginePort = this.store): Promise<Prepared> {
    const now = this.clock.now();
    let instance: StoredInstance | undefined;
    let definition: DeployedDefinition;
    if (work.command.type === 'start') {
      definition = work.definition!;
    } else {
      instance = local.get(work.instanceId) ?? this.instances.get(work.instanceId) ?? (await tx.loadInstance(work.instanceId));
      if (!instance) throw new AppError('instance-not-found', `Instance ${work.instanceId} does not exist`);
      definition = await this.definitionById(instance.definitionId, tx);
    }
    const { functions, calendar } = await this.loadCalendar(tx);
    const result = step(definition.definition, instance?.state ?? null, work.command, { instanceId: work.instanceId, now: now.toISOString(), newId: randomUUID, functions, calendar });
    return { work, instance, definition, result, now };
  }

  private async write(port: EnginePort, p: Prepared, cache = true): Promise<StoredInstance> {
    const parent = p.work.command.type === 'start' ? p.work.command.parent : undefined;
    const leased = this.leasingOwnJobs ? leasedJobs(p.work.instanceId, p.result.effects, p.now) : [];
    const lease = leased.length > 0 ? { workerId: this.workerId, until: new Date(p.now.getTime() + this.leaseMs), jobIds: leased.map((j) => j.id) } : undefined;
    const applied = await port.applyStep({
      instanceId: p.work.instanceId,
      definitionId: p.definition.id,
      key: p.definition.key,
      version: p.definition.version,
      ...(p.result.state.businessKey ? { businessKey: p.result.state.businessKey } : {}),
      ...(parent ? { parentInstanceId: parent.instanceId } : {}),
      expectedRev: p.instance ? p.instance.rev : null,
      state: p.result.state,
      previous: p.instance?.state ?? null,
      effects: p.result.effects,
      now: p.now,
      ...(lease ? { jobLease: lease } : {}),
    });
    if (!applied) {
      this.instances.delete(p.work.instanceId);
      throw new RevisionConflict();
    }
    const after: StoredInstance = {
      id: p.work.instanceId,
      definitionId: p.definition.id,
      key: p.definition.key,
      version: p.definition.version,
      ...(p.result.state.businessKey ? { businessKey: p.result.state.businessKey } : {}),
      state: p.result.state,
      rev: (p.instance?.rev ?? 0) + 1,
    };
    if (cache) this.remember(after);
    for (const e of p.result.effects) if (e.type === 'task.create') this.rememberTask(e.task.id, after.id);
    // A write that commits on its own (cache) has committed by now; one in a transaction waits for it.
    if (lease) port.afterCommit(() => this.ownJobs.add(leased, lease.until));
    if (this.ownJobs.size > 0) this.ownJobs.forget(p.result.effects.flatMap((e) => (e.type === 'job.cancel' ? [e.jobId] : [])));
    return after;
  }

  /** Cross-instance effects become further commands in the same transaction. */
  private async followUps(p: Prepared, tx: EnginePort): Promise<Work[]> {
    const work: Work[] = [];
    for (const e of p.result.effects) {
      if (e.type === 'instance.spawn') {
        const definition = await this.findDefinition(e.key, e.version, tx);
        work.push({
          instanceId: e.childInstanceId,
          definition,
          command: { type: 'start', variables: e.variables, ...(e.businessKey ? { businessKey: e.businessKey } : {}), parent: { instanceId: p.work.instanceId, tokenId: e.parentTokenId } },
        });
      } else if (e.type === 'instance.notifyParent') {
        work.push({
          instanceId: e.parent.instanceId,
          command: e.outcome === 'completed'
            ? { type: 'childCompleted', tokenId: e.parent.tokenId, childInstanceId: p.work.instanceId, variables: e.variables }
            : { type: 'childFailed', tokenId: e.parent.tokenId, childInstanceId: p.work.instanceId, errorCode: e.errorCode ?? '', ...(e.message ? { message: e.message } : {}) },
        });
      } else if (e.type === 'instance.terminateChild') {
        work.push({ instanceId: e.childInstanceId, command: { type: 'terminate', reason: 'parent-cancelled' } });
      }
    }
    return work;
  }

  private remember(instance: StoredInstance): void {
    if (instance.state.status === 'completed' || instance.state.status === 'terminated') {
      this.instances.delete(instance.id);
      return;
    }
    if (this.instances.size >= CACHE_LIMIT) this.instances.delete(this.instances.keys().next().value!);
    this.instances.set(instance.id, instance);
  }

  private rememberTask(taskId: string, instanceId: string): void {
    if (this.taskInstance.size >= CACHE_LIMIT) this.taskInstance.delete(this.taskInstance.keys().next().value!);
    this.taskInstance.set(taskId, instanceId);
  }

  private async loadFresh(id: string): Promise<StoredInstance> {
    const instance = await this.store.loadInstance(id);
    if (!instance) throw new AppError('instance-not-found', `Instance ${id} does not exist`);
    return instance;
  }

  private async definitionById(id: string, port: EnginePort = this.store): Promise<DeployedDefinition> {
    const cached = this.definitions.get(id);
    if (cached) return cached;
    const found = await port.getDefinition(id);
    if (!found) throw new AppError('definition-not-found', `Definition ${id} does not exist`);
    this.definitions.set(id, found);
    return found;
  }

  async findDefinition(key: string, version?: number, port: EnginePort = this.store): Promise<DeployedDefinition> {
    // A key is a BPMN process id (an XML name); anything else names nothing and must not reach SQL.
    const valid = /^[A-Za-z_][\w.-]{0,254}$/.test(key) && (version === undefined || (Number.isSafeInteger(version) && version > 0));
    const found = !valid ? undefined : version === undefined ? await port.getLatestDefinition(key) : await port.getDefinitionVersion(key, version);
    if (!found) {
      throw new AppError('definition-not-found', version === undefined ? `No procedure "${key}" is deployed` : `Procedure "${key}" has no version ${version}`);
    }
    this.definitions.set(found.id, found);
    return found;
  }
}

interface Prepared {
  work: Work;
  instance: StoredInstance | undefined;
  definition: DeployedDefinition;
  result: StepResult;
  now: Date;
}

class RevisionConflict extends Error {}

/** The jobs a step leased to this worker (enqueued due by its `now`), as a claim would return them. */
function leasedJobs(instanceId: string, effects: Effect[], now: Date): ClaimedJob[] {
  const at = now.toISOString();
  const jobs: ClaimedJob[] = [];
  for (const e of effects) if (e.type === 'job.enqueue' && e.job.runAt <= at) jobs.push({ ...e.job, instanceId, attempts: 1 });
  if (jobs.length === 0) return jobs;
  const cancelled = new Set(effects.flatMap((e) => (e.type === 'job.cancel' ? [e.jobId] : [])));
  return jobs.filter((j) => !cancelled.has(j.id));
}

function assertUuid(id: string, what: string): void {
  if (!isUuid(id)) throw new AppError(what === 'task' ? 'task-not-found' : 'instance-not-found', `"${id}" is not a ${what} id`);
}

/** Timer and message start events of a freshly deployed definition. */
function startEventsOf(d: DeployedDefinition, now: Date) {
  const timers: TimerRecord[] = [];
  const subscriptions: Array<{ id: string; messageName: string; elementId: string }> = [];
  for (const id of d.definition.startEvents) {
    const el = d.definition.elements[id]!;
    if (el.event?.kind === 'timer') {
      timers.push(firstStartTimer({ elementId: id, timer: el.event.timer, now }));
    } else if (el.event?.kind === 'message') {
      subscriptions.push({ id: randomUUID(), messageName: el.event.messageName, elementId: id });
    }
  }
  return { timers, subscriptions };
}

/** Every message name a definition can wait for: its subscriptions are found by them (indexed by message name first). */
function messageNamesOf(definition: unknown): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) { for (const v of value) visit(v); return; }
    if (value === null || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    if (o.kind === 'message' && typeof o.messageName === 'string') names.add(o.messageName);
    for (const v of Object.values(o)) visit(v);
  };
  visit(definition);
  return [...names];
}
