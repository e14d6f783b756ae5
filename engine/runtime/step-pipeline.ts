import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import { step } from '../core/step.ts';
import type { Command, Effect, StepResult } from '../core/types.ts';
import type { DeployedDefinition } from '../model/definition.ts';
import type { EnginePort, StepWrite, StoredInstance } from '../ports.ts';
import type { Definitions } from './definitions.ts';
import type { InstanceCache } from './instance-cache.ts';
import type { LegalCalendar } from './legal-calendar.ts';
import type { OwnJobLeases } from './own-job-leases.ts';

export interface Work {
  instanceId: string;
  command: Command;
  /** For a new instance: the definition it starts on. */
  definition?: DeployedDefinition;
}

interface Prepared {
  work: Work;
  instance: StoredInstance | undefined;
  definition: DeployedDefinition;
  result: StepResult;
  now: Date;
}

/** The instance changed since its state was read (another process, or a stale cache). */
class RevisionConflict extends Error {}

const MAX_ATTEMPTS = 8;

/**
 * Load, step, write. A command that touches one instance is one statement; one that reaches other
 * instances (call activities) runs them all in one transaction. Every write is guarded by the
 * row's revision; a conflict (a stale cached state) redoes the step on fresh state.
 */
export class StepPipeline {
  constructor(private readonly parts: {
    store: EnginePort;
    clock: Clock;
    cache: InstanceCache;
    definitions: Definitions;
    calendar: LegalCalendar;
    leases: OwnJobLeases;
    onStepsCommitted?: (steps: number) => void;
  }) {}

  /**
   * Runs commands in the engine's own statements and transactions, redone (up to MAX_ATTEMPTS) when
   * computed from a stale state. Returns the effects of the first command (the one asked for);
   * `written` receives the states written.
   */
  async run(work: Work[], written = new Map<string, StoredInstance>()): Promise<Effect[]> {
    for (let attempt = 1; ; attempt++) {
      const cached = this.cachedAny(work);
      written.clear();
      try {
        return await this.runOnce(work, written);
      } catch (err) {
        if (!this.stale(err, cached, work) || attempt >= MAX_ATTEMPTS) throw settled(err);
      }
    }
  }

  /** Runs commands inside the caller's transaction `tx`, once: nothing written is cached, as it may still roll back. */
  async runIn(tx: EnginePort, work: Work[], written = new Map<string, StoredInstance>()): Promise<Effect[]> {
    const cached = this.cachedAny(work);
    written.clear();
    try {
      const effects = await this.runAll(tx, work, written);
      this.parts.cache.uncommitted(written.keys());
      return effects;
    } catch (err) {
      this.stale(err, cached, work);
      throw settled(err);
    }
  }

  /**
   * Runs commands of distinct instances (a batch of correlations) inside the caller's transaction
   * `tx`, once: their steps share one statement; a command that reaches other instances (a call
   * activity's end) runs on its own in the same transaction. A step computed from a stale state
   * fails the whole call with `conflict`, and the caller's transaction must then roll back: nothing
   * is retried here. `written` receives the states written.
   */
  async runEachIn(tx: EnginePort, work: Work[], written = new Map<string, StoredInstance>()): Promise<void> {
    try {
      const prepared: Prepared[] = [];
      for (const w of work) prepared.push(await this.prepare(w, written, tx));
      await this.writeTogether(tx, prepared.filter((p) => !crossInstance(p)), written);
      for (const p of prepared.filter(crossInstance)) await this.runAll(tx, [p.work], written);
      this.parts.cache.uncommitted(written.keys());
    } catch (err) {
      this.parts.cache.uncommitted(work.map((w) => w.instanceId));
      throw settled(err);
    }
  }

  private cachedAny(work: Work[]): boolean {
    return work.some((w) => this.parts.cache.has(w.instanceId));
  }

  /**
   * A cached state can be a step behind another client of this process: an error computed from it
   * (task not open, job not awaited) is only believed once seen on fresh state. True (and the
   * states forgotten) when the error may come from a stale state.
   */
  private stale(err: unknown, cached: boolean, work: Work[]): boolean {
    const stale = err instanceof RevisionConflict || (cached && err instanceof AppError);
    if (stale) for (const w of work) this.parts.cache.forget(w.instanceId);
    return stale;
  }

  private async runOnce(work: Work[], written: Map<string, StoredInstance>): Promise<Effect[]> {
    const { store, cache } = this.parts;
    // The common case: one instance, no cross-instance effects, one write.
    if (work.length === 1) {
      const prepared = await this.prepare(work[0]!, new Map(), store);
      if (!crossInstance(prepared)) {
        const after = await this.write(store, prepared);
        cache.committed(after);
        written.set(after.id, after);
        return prepared.result.effects;
      }
    }
    const effects = await store.transaction((tx) => this.runAll(tx, work, written));
    // Only cache what committed.
    for (const w of written.values()) cache.committed(w);
    return effects;
  }

  private async runAll(tx: EnginePort, initial: Work[], written: Map<string, StoredInstance>): Promise<Effect[]> {
    const queue = [...initial];
    let first: Effect[] | undefined;
    while (queue.length > 0) {
      const prepared = await this.prepare(queue.shift()!, written, tx);
      first ??= prepared.result.effects;
      const after = await this.write(tx, prepared);
      written.set(after.id, after);
      const next = await this.followUps(prepared, tx);
      for (const e of prepared.result.effects) if (e.type === 'instance.terminateChild') forgetCall(queue, prepared.work.instanceId, e.childInstanceId);
      // A child that ended in this transaction (its escalation end event cancelled the call) has nothing left to terminate.
      queue.push(...next.filter((w) => w.command.type !== 'terminate' || !ended(written.get(w.instanceId))));
    }
    return first ?? [];
  }

  private async prepare(work: Work, local: Map<string, StoredInstance>, port: EnginePort): Promise<Prepared> {
    const now = this.parts.clock.now();
    let instance: StoredInstance | undefined;
    let definition: DeployedDefinition;
    if (work.command.type === 'start') {
      definition = work.definition!;
    } else {
      instance = local.get(work.instanceId) ?? this.parts.cache.get(work.instanceId) ?? (await port.loadInstance(work.instanceId));
      if (!instance) throw new AppError('instance-not-found', `Instance ${work.instanceId} does not exist`);
      definition = await this.parts.definitions.byId(instance.definitionId, port);
    }
    const { functions, calendar } = await this.parts.calendar.load(port);
    const result = step(definition.definition, instance?.state ?? null, work.command, { instanceId: work.instanceId, now: now.toISOString(), newId: randomUUID, functions, calendar });
    return { work, instance, definition, result, now };
  }

  private async write(port: EnginePort, p: Prepared): Promise<StoredInstance> {
    const { write, leased } = this.toWrite(p);
    if (!(await port.applyStep(write))) {
      this.parts.cache.forget(p.work.instanceId);
      throw new RevisionConflict();
    }
    return this.afterWrite(port, p, leased);
  }

  /** Steps of distinct instances in one statement; a stale one fails them all (the caller's transaction rolls back). */
  private async writeTogether(port: EnginePort, prepared: Prepared[], written: Map<string, StoredInstance>): Promise<void> {
    if (prepared.length === 0) return;
    const writes = prepared.map((p) => this.toWrite(p));
    const applied = await port.applySteps(writes.map((w) => w.write));
    if (prepared.some((p) => !applied.has(p.work.instanceId))) throw new RevisionConflict();
    prepared.forEach((p, i) => written.set(p.work.instanceId, this.afterWrite(port, p, writes[i]!.leased)));
  }

  private toWrite(p: Prepared): { write: StepWrite; leased: ReturnType<OwnJobLeases['leaseFor']> } {
    const parent = p.work.command.type === 'start' ? p.work.command.parent : undefined;
    const leased = this.parts.leases.leaseFor(p.work.instanceId, p.result.effects, p.now);
    const write: StepWrite = {
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
      ...(leased ? { jobLease: leased.lease } : {}),
    };
    return { write, leased };
  }

  private afterWrite(port: EnginePort, p: Prepared, leased: ReturnType<OwnJobLeases['leaseFor']>): StoredInstance {
    const after: StoredInstance = {
      id: p.work.instanceId,
      definitionId: p.definition.id,
      key: p.definition.key,
      version: p.definition.version,
      ...(p.result.state.businessKey ? { businessKey: p.result.state.businessKey } : {}),
      state: p.result.state,
      rev: (p.instance?.rev ?? 0) + 1,
    };
    for (const e of p.result.effects) if (e.type === 'task.create') this.parts.cache.taskCreated(e.task.id, after.id);
    this.parts.leases.written(port, leased, p.result.effects);
    // Every write, single or batched, passes here; inside a transaction, told only if it commits.
    const told = this.parts.onStepsCommitted;
    if (told) port.afterCommit(() => told(1));
    return after;
  }

  /** Cross-instance effects become further commands in the same transaction; a signal thrown, its deliveries. */
  private async followUps(p: Prepared, tx: EnginePort): Promise<Work[]> {
    const work: Work[] = [];
    for (const e of p.result.effects) {
      if (e.type === 'instance.spawn') {
        const definition = await this.parts.definitions.find(e.key, e.version, tx);
        work.push({
          instanceId: e.childInstanceId,
          definition,
          command: { type: 'start', variables: e.variables, ...(e.businessKey ? { businessKey: e.businessKey } : {}), parent: { instanceId: p.work.instanceId, tokenId: e.parentTokenId } },
        });
      } else if (e.type === 'instance.notifyParent') {
        work.push({ instanceId: e.parent.instanceId, command: parentCommand(e, p.work.instanceId) });
      } else if (e.type === 'instance.terminateChild') {
        work.push({ instanceId: e.childInstanceId, command: { type: 'terminate', reason: 'parent-cancelled' } });
      } else if (e.type === 'signal.broadcast') {
        // Recorded with the step that throws it; delivered by the signal deliverer (runtime/signal-deliverer.ts).
        await tx.broadcastSignal(e.signalName, e.variables, p.now);
      }
    }
    return work;
  }
}

/**
 * A call the parent cancelled hears no more from its child: notices the child sent in this
 * transaction before it was cancelled (it escalated, then completed) are dropped.
 */
function forgetCall(queue: Work[], parentId: string, childInstanceId: string): void {
  for (let i = queue.length - 1; i >= 0; i--) {
    const c = queue[i]!.command;
    if (queue[i]!.instanceId === parentId && 'childInstanceId' in c && c.childInstanceId === childInstanceId) queue.splice(i, 1);
  }
}

/** A step whose effects reach other instances (or broadcast a signal) needs follow-ups in its transaction. */
function crossInstance(p: Prepared): boolean {
  return p.result.effects.some((e) => e.type.startsWith('instance.') || e.type === 'signal.broadcast');
}

function ended(instance: StoredInstance | undefined): boolean {
  return instance?.state.status === 'completed' || instance?.state.status === 'terminated';
}

/** What a child's notice becomes in its parent. */
function parentCommand(e: Extract<Effect, { type: 'instance.notifyParent' }>, childInstanceId: string): Command {
  const tokenId = e.parent.tokenId;
  switch (e.outcome) {
    case 'completed':
      return { type: 'childCompleted', tokenId, childInstanceId, variables: e.variables };
    case 'error':
      return { type: 'childFailed', tokenId, childInstanceId, errorCode: e.errorCode ?? '', ...(e.message ? { message: e.message } : {}) };
    case 'escalation':
      return { type: 'childEscalated', tokenId, childInstanceId, ...(e.escalationCode ? { escalationCode: e.escalationCode } : {}) };
  }
}

/** What a caller sees of a failed command: a revision conflict left over after the retries is a `conflict`. */
function settled(err: unknown): unknown {
  return err instanceof RevisionConflict ? new AppError('conflict', 'The request changed concurrently too often; try again') : err;
}
