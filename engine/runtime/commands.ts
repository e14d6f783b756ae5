import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import { deadlineStatus } from '../calendar/index.ts';
import { planMigration } from '../migrate-instance.ts';
import type { SubscriptionRecord } from '../core/types.ts';
import type { DeployedDefinition } from '../model/definition.ts';
import type { BusinessKeyChange, EnginePort, StoredInstance, TaskView } from '../ports.ts';
import { assertVariables } from '../variables.ts';
import { assertStorableText } from '../storable-text.ts';
import { isUuid } from '../ids.ts';
import { evaluateCondition } from '../expressions/feel.ts';
import { messageNamesOf, type Definitions } from './definitions.ts';
import type { InstanceCache } from './instance-cache.ts';
import type { LegalCalendar } from './legal-calendar.ts';
import { deadlineView, type DeadlineView, type InstanceView, type ReadModels } from './read-models.ts';
import type { StepPipeline, Work } from './step-pipeline.ts';

type Tx = EnginePort | undefined;
/** A start's step, with the definition it starts (whose id and version the caller is told). */
type StartWork = Work & { definition: DeployedDefinition };

/** How `start` picks the version: an id read from committed data (no look-up), a version number, or the latest. */
export interface StartOptions { variables?: unknown; businessKey?: string; version?: number; definitionId?: string; startEventId?: string }

/** A started instance: its status after the first step, and its legal due date when its procedure has a term. */
export interface Started { id: string; status: string; definitionId: string; version: number; due?: string | null }

/** An instance started by `evaluateConditions`: its procedure and the conditional start event that held. */
export interface StartedByCondition { id: string; key: string; version: number; startEventId: string }

/**
 * The engine's commands: each checks its arguments and runs its steps. Those that take `tx` run in
 * the caller's transaction when it is given (undefined: in the engine's own), and then read through
 * it too; the parameter is required here, so no path can forget it.
 */
export class Commands {
  constructor(private readonly parts: {
    store: EnginePort;
    clock: Clock;
    cache: InstanceCache;
    definitions: Definitions;
    calendar: LegalCalendar;
    steps: StepPipeline;
    views: ReadModels;
  }) {}

  async start(key: string, options: StartOptions, tx: Tx): Promise<Started> {
    const port = tx ?? this.parts.store;
    const work = await this.startWork(key, options, port);
    const written = new Map<string, StoredInstance>();
    await this.step([work], tx, written);
    return this.started(work, written, port);
  }

  /**
   * Starts several instances in the caller's transaction, their first steps written in one
   * statement. Throws when any start fails; the caller's transaction then rolls back as a whole.
   */
  async startEach(items: Array<{ key: string; options: StartOptions }>, tx: EnginePort): Promise<Started[]> {
    const work: StartWork[] = [];
    for (const item of items) work.push(await this.startWork(item.key, item.options, tx));
    const written = new Map<string, StoredInstance>();
    await this.parts.steps.runEachIn(tx, work, written);
    const started: Started[] = [];
    for (const w of work) started.push(await this.started(w, written, tx));
    return started;
  }

  private async startWork(key: string, options: StartOptions, port: EnginePort): Promise<StartWork> {
    const variables = assertVariables(options.variables);
    assertStorableText({ key, businessKey: options.businessKey }, { ro: 'Cheia', en: 'The key' });
    const definition = options.definitionId ? await this.definitionOf(key, options.definitionId, port) : await this.parts.definitions.find(key, options.version, port);
    return { instanceId: randomUUID(), definition, command: { type: 'start', variables, ...(options.businessKey ? { businessKey: options.businessKey } : {}), ...(options.startEventId ? { startEventId: options.startEventId } : {}) } };
  }

  private async started(work: StartWork, written: Map<string, StoredInstance>, port: EnginePort): Promise<Started> {
    const id = work.instanceId;
    const state = (written.get(id) ?? this.parts.cache.get(id))?.state;
    // The legal due date, when the procedure has a term: callers show it at once (receipts).
    const due = state?.clock ? deadlineStatus(state.clock, (await this.parts.calendar.load(port)).calendar).due : undefined;
    return { id, status: state?.status ?? 'active', definitionId: work.definition.id, version: work.definition.version, ...(due !== undefined ? { due } : {}) };
  }

  /** A definition by its id (read once per process: it never changes), which must be of this process key. */
  private async definitionOf(key: string, definitionId: string, port: EnginePort): Promise<DeployedDefinition> {
    if (!isUuid(definitionId)) throw new AppError('definition-not-found', `"${definitionId}" is not a definition id`);
    const definition = await this.parts.definitions.byId(definitionId, port);
    if (definition.key !== key) throw new AppError('definition-not-found', `Definition ${definitionId} is not of procedure "${key}"`);
    return definition;
  }

  async assignBusinessKeys(changes: Array<{ instanceId: string; definitionId: string; businessKey: string; variables?: Record<string, string> }>, tx: EnginePort): Promise<void> {
    const keyed: BusinessKeyChange[] = [];
    for (const change of changes) {
      assertUuid(change.instanceId, 'instance');
      this.parts.cache.forget(change.instanceId);
      const definition = await this.parts.definitions.byId(change.definitionId, tx);
      keyed.push({ instanceId: change.instanceId, businessKey: change.businessKey, variables: change.variables ?? {}, messageNames: messageNamesOf(definition.definition) });
    }
    await tx.assignBusinessKeys(keyed, this.parts.clock.now());
  }

  async completeTask(taskId: string, variables: unknown, tx: Tx): Promise<{ instanceId: string; created: Array<{ id: string; elementId: string }> }> {
    const vars = assertVariables(variables);
    assertUuid(taskId, 'task');
    const instanceId = this.parts.cache.instanceOfTask(taskId) ?? (await (tx ?? this.parts.store).findInstanceIdByTask(taskId));
    if (!instanceId) throw new AppError('task-not-found', `Task ${taskId} does not exist`);
    const effects = await this.step([{ instanceId, command: { type: 'completeTask', taskId, variables: vars } }], tx);
    this.parts.cache.taskDone(taskId);
    return { instanceId, created: effects.flatMap((e) => (e.type === 'task.create' ? [{ id: e.task.id, elementId: e.task.elementId }] : [])) };
  }

  async assignTask(taskId: string, assignee: string | null, options: { force?: boolean; by?: string }): Promise<TaskView> {
    assertUuid(taskId, 'task');
    const result = await this.parts.store.assignTask({ taskId, assignee, force: options.force ?? false, now: this.parts.clock.now(), ...(options.by ? { by: options.by } : {}) });
    if (result === 'not-found') throw new AppError('task-not-found', `Task ${taskId} is not open`);
    if (result === 'taken') throw new AppError('conflict', `Task ${taskId} is already claimed by someone else`);
    return result;
  }

  async correlate(messageName: string, target: { instanceId?: string; businessKey?: string }, variables: unknown, tx: Tx): Promise<{ instanceId: string; started: boolean }> {
    const { definitions } = this.parts;
    const store = tx ?? this.parts.store;
    const vars = assertVariables(variables);
    assertStorableText({ messageName, ...target }, { ro: 'Mesajul', en: 'The message' });
    if (target.instanceId) assertUuid(target.instanceId, 'instance');
    const subs = await store.findSubscriptions({ messageName, ...target });
    const running = subs.find((s) => s.instanceId);
    if (running) {
      await this.step([{ instanceId: running.instanceId!, command: { type: 'correlateMessage', subscription: running, variables: vars } }], tx);
      return { instanceId: running.instanceId!, started: false };
    }
    const starter = subs.find((s) => s.definitionId);
    if (starter && !target.instanceId) {
      const definition = await definitions.byId(starter.definitionId!, store);
      const { id } = await this.start(definition.key, { variables: vars, businessKey: target.businessKey, version: definition.version, startEventId: starter.elementId }, tx);
      return { instanceId: id, started: true };
    }
    if (!target.instanceId && !target.businessKey) {
      throw new AppError('message-not-correlated', `No procedure starts with the message "${messageName}"; to deliver it to a waiting instance, name the instance or its business key`);
    }
    throw new AppError('message-not-correlated', `No instance waits for the message "${messageName}"${target.instanceId ? ` (instance ${target.instanceId})` : ` (business key ${target.businessKey})`}`);
  }

  /**
   * Delivers one message to each of several instances in the caller's transaction: one read for
   * their subscriptions, one statement for their steps. Returns, per item, whether its instance
   * waited for the message (one that did not is left as it was). Throws when any step fails; the
   * caller's transaction then rolls back as a whole.
   */
  async correlateEach(messageName: string, items: Array<{ instanceId: string; variables: unknown }>, tx: EnginePort): Promise<boolean[]> {
    assertStorableText({ messageName }, { ro: 'Mesajul', en: 'The message' });
    const checked = items.map((item) => {
      assertUuid(item.instanceId, 'instance');
      return { instanceId: item.instanceId, variables: assertVariables(item.variables) };
    });
    const waited = checked.map(() => false);
    // A second message for an instance goes in a later round, to the subscription the first left.
    for (let rest = checked.map((_, i) => i); rest.length > 0;) {
      const seen = new Set<string>();
      const round = rest.filter((i) => !seen.has(checked[i]!.instanceId) && seen.add(checked[i]!.instanceId));
      rest = rest.filter((i) => !round.includes(i));
      const subscriptions = new Map<string, SubscriptionRecord>();
      for (const s of await tx.findInstanceSubscriptions(messageName, [...seen])) if (!subscriptions.has(s.instanceId!)) subscriptions.set(s.instanceId!, s);
      const work = round.flatMap((i): Work[] => {
        const { instanceId, variables } = checked[i]!;
        const subscription = subscriptions.get(instanceId);
        waited[i] = subscription !== undefined;
        return subscription ? [{ instanceId, command: { type: 'correlateMessage', subscription, variables } }] : [];
      });
      if (work.length > 0) await this.parts.steps.runEachIn(tx, work);
    }
    return waited;
  }

  /**
   * Camunda 7's condition evaluation: for the latest version of every procedure, each process-level
   * conditional start event whose condition holds for these variables starts one instance with
   * them. A condition that cannot be evaluated (a missing variable) counts as false.
   */
  async evaluateConditions(variables: unknown, options: { businessKey?: string }): Promise<StartedByCondition[]> {
    const { store, clock, calendar } = this.parts;
    const vars = assertVariables(variables);
    assertStorableText({ businessKey: options.businessKey }, { ro: 'Cheia', en: 'The key' });
    const { functions } = await calendar.load(store);
    const now = clock.now().toISOString();
    const holds = (condition: string) => {
      try {
        return evaluateCondition(condition, vars, now, functions);
      } catch {
        return false;
      }
    };
    const started: StartedByCondition[] = [];
    const work: Work[] = [];
    for (const deployed of await store.listLatestWithConditionalStarts()) {
      for (const startEventId of deployed.definition.startEvents) {
        const event = deployed.definition.elements[startEventId]?.event;
        if (event?.kind !== 'conditional' || !holds(event.condition)) continue;
        const definition = await this.parts.definitions.find(deployed.key, deployed.version, store);
        const id = randomUUID();
        work.push({ instanceId: id, definition, command: { type: 'start', variables: vars, startEventId, ...(options.businessKey ? { businessKey: options.businessKey } : {}) } });
        started.push({ id, key: deployed.key, version: deployed.version, startEventId });
      }
    }
    // All the starts commit together, or none does.
    if (work.length > 0) await this.step(work, undefined);
    return started;
  }

  async terminate(instanceId: string, reason: string | undefined): Promise<void> {
    assertUuid(instanceId, 'instance');
    assertStorableText(reason, { ro: 'Motivul', en: 'The reason' });
    await this.parts.steps.run([{ instanceId, command: { type: 'terminate', ...(reason ? { reason } : {}) } }]);
  }

  async setVariables(instanceId: string, variables: unknown): Promise<void> {
    assertUuid(instanceId, 'instance');
    await this.parts.steps.run([{ instanceId, command: { type: 'setVariables', variables: assertVariables(variables) } }]);
  }

  async retryIncident(instanceId: string, retries: number): Promise<void> {
    const { store, clock, steps, views } = this.parts;
    assertUuid(instanceId, 'instance');
    const instance = await views.loadFresh(instanceId, store);
    const jobId = instance.state.incident?.jobId;
    await store.transaction(async (tx) => {
      if (jobId && !(await tx.retryJob(jobId, retries, clock.now()))) {
        throw new AppError('conflict', `The job behind the incident of instance ${instanceId} is no longer failed (retried meanwhile?)`);
      }
      await steps.runIn(tx, [{ instanceId, command: { type: 'resolveIncident', jobId: jobId ?? '' } }]);
    });
  }

  async changeDeadline(instanceId: string, change: { action: 'suspend' | 'resume' | 'extend'; amount?: number; unit?: string; reason?: string; source?: string }, tx: Tx): Promise<DeadlineView> {
    const port = tx ?? this.parts.store;
    assertUuid(instanceId, 'instance');
    assertStorableText(change, { ro: 'Modificarea termenului', en: 'The clock change' });
    const written = new Map<string, StoredInstance>();
    await this.step([{ instanceId, command: { type: 'deadline', ...change } }], tx, written);
    const state = (written.get(instanceId) ?? this.parts.cache.get(instanceId) ?? (await this.parts.views.loadFresh(instanceId, port))).state;
    if (!state.clock) throw new AppError('clock-invalid', `Instance ${instanceId} has no legal clock`);
    return deadlineView(state.clock, (await this.parts.calendar.load(port)).calendar);
  }

  async migrate(instanceId: string, toVersion: number, map: Record<string, string>): Promise<InstanceView> {
    const { store, clock, cache, definitions, views } = this.parts;
    assertUuid(instanceId, 'instance');
    const instance = await views.loadFresh(instanceId, store);
    const from = await definitions.byId(instance.definitionId, store);
    const to = await definitions.find(instance.key, toVersion, store);
    const plan = planMigration(from.definition, to.definition, instance.state, map);
    const ok = await store.migrateInstance({ instanceId, expectedRev: instance.rev, definitionId: to.id, version: to.version, state: plan.state, elementMap: plan.elementMap, now: clock.now() });
    cache.forget(instanceId);
    if (!ok) throw new AppError('conflict', `Instance ${instanceId} changed while it was being migrated; try again`);
    return views.instance(instanceId);
  }

  private step(work: Work[], tx: Tx, written?: Map<string, StoredInstance>) {
    return tx ? this.parts.steps.runIn(tx, work, written) : this.parts.steps.run(work, written);
  }
}

export function assertUuid(id: string, what: 'task' | 'instance'): void {
  if (!isUuid(id)) throw new AppError(what === 'task' ? 'task-not-found' : 'instance-not-found', `"${id}" is not ${what === 'task' ? 'a task' : 'an instance'} id`);
}
