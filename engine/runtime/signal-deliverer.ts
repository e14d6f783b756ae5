import { randomUUID } from 'node:crypto';
import { AppError, toAppError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { Variables } from '../core/types.ts';
import type { EnginePort, SignalDelivery } from '../ports.ts';
import { assertStorableText } from '../storable-text.ts';
import { assertVariables } from '../variables.ts';
import type { Definitions } from './definitions.ts';
import type { InstanceCache } from './instance-cache.ts';
import type { StepPipeline } from './step-pipeline.ts';

/** Deliveries stepped per transaction: a broadcast to thousands of instances commits in batches of this many. */
const BATCH = 50;

/** Errors that mean the receiver no longer waits (it moved on or ended since the broadcast): nothing to do. */
const GONE = new Set(['not-found', 'instance-not-found', 'instance-not-active']);

/**
 * Signals. A broadcast is recorded in one statement (a delivery row per subscription to the name,
 * in whatever transaction throws it); deliveries are then stepped in batches, each batch one
 * transaction that also deletes its rows. A crash rolls a batch back whole, to be delivered again
 * by any process (FOR UPDATE SKIP LOCKED keeps two from taking the same rows); a delivery that
 * fails for another reason gives its instance an incident instead of blocking the others.
 */
export class SignalDeliverer {
  constructor(private readonly parts: { store: EnginePort; clock: Clock; cache: InstanceCache; definitions: Definitions; steps: StepPipeline }) {}

  /** The engine command: records the broadcast, then delivers what is pending. */
  async broadcast(signalName: string, variables: unknown): Promise<{ signalName: string; deliveries: number }> {
    assertStorableText({ signalName }, { ro: 'Semnalul', en: 'The signal' });
    if (signalName.trim() === '') throw new AppError('bad-input', 'Name the signal to broadcast');
    const vars = assertVariables(variables);
    const deliveries = await this.parts.store.broadcastSignal(signalName, vars, this.parts.clock.now());
    await this.deliverDue(Number.POSITIVE_INFINITY);
    return { signalName, deliveries };
  }

  /** Delivers pending signals, batch by batch, until none is left or `limit` are handled; returns how many. */
  async deliverDue(limit: number): Promise<number> {
    let handled = 0;
    while (handled < limit) {
      const outcome = await this.parts.store.transaction(async (tx) => {
        const batch = await tx.claimSignalDeliveries(Math.min(BATCH, limit - handled));
        const done: string[] = [];
        const failed: Array<{ delivery: SignalDelivery; error: Error }> = [];
        for (const delivery of batch) {
          try {
            await tx.transaction((inner) => this.deliver(inner, delivery));
            done.push(delivery.id);
          } catch (err) {
            const error = toAppError(err);
            // A revision conflict is retried with the next batch; a receiver gone has nothing to receive.
            if (error.code === 'conflict') continue;
            done.push(delivery.id);
            if (!GONE.has(error.code)) failed.push({ delivery, error });
          }
        }
        await tx.deleteSignalDeliveries(done);
        return { claimed: batch.length, done: done.length, failed };
      });
      for (const f of outcome.failed) await this.failed(f.delivery, f.error);
      handled += outcome.done;
      if (outcome.claimed === 0 || outcome.done === 0) return handled;
    }
    return handled;
  }

  private async deliver(tx: EnginePort, d: SignalDelivery): Promise<void> {
    const variables: Variables = d.variables;
    if (d.instanceId) {
      await this.parts.steps.runIn(tx, [{ instanceId: d.instanceId, command: { type: 'catchSignal', subscription: d.subscription, variables } }]);
      return;
    }
    // A signal start event: a new instance of the version whose start event was subscribed.
    const definition = await this.parts.definitions.byId(d.definitionId!, tx);
    await this.parts.steps.runIn(tx, [{ instanceId: randomUUID(), definition, command: { type: 'start', variables, startEventId: d.subscription.elementId } }]);
  }

  private async failed(d: SignalDelivery, error: Error): Promise<void> {
    if (!d.instanceId) return;
    this.parts.cache.forget(d.instanceId);
    await this.parts.steps.run([{ instanceId: d.instanceId, command: { type: 'raiseIncident', elementId: d.subscription.elementId, message: `Signal "${d.signalName}" could not be delivered: ${error.message}` } }])
      .catch((err: unknown) => {
        if (!(err instanceof AppError && GONE.has(err.code))) throw err;
      });
  }
}
