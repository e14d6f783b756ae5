import { randomUUID } from 'node:crypto';
import { toAppError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import { nextStartTimer } from '../core/start-timers.ts';
import type { TimerRecord } from '../core/types.ts';
import type { EnginePort } from '../ports.ts';
import type { Definitions } from './definitions.ts';
import type { InstanceCache } from './instance-cache.ts';
import type { StepPipeline } from './step-pipeline.ts';

type DueTimer = TimerRecord & { instanceId?: string; definitionId?: string };

/**
 * Fires due timers, each in its own transaction: the claim (a row lock) and the step commit
 * together. A timer that cannot fire gives its instance an incident instead of firing again and again.
 */
export class TimerFirer {
  constructor(private readonly parts: { store: EnginePort; clock: Clock; cache: InstanceCache; definitions: Definitions; steps: StepPipeline }) {}

  /** Fires up to `limit` due timers; returns how many were handled (fired or failed). */
  async fireDue(limit: number): Promise<number> {
    const { store, clock } = this.parts;
    let fired = 0;
    while (fired < limit) {
      const now = clock.now();
      const outcome = await store.transaction(async (tx) => {
        const [timer] = await tx.claimDueTimers(now, 1);
        if (!timer) return 'none' as const;
        try {
          await tx.transaction((inner) => this.fire(inner, timer));
          return 'fired' as const;
        } catch (err) {
          return { timer, error: toAppError(err) };
        }
      });
      if (outcome === 'none') return fired;
      if (outcome !== 'fired') await this.failed(outcome.timer, outcome.error);
      fired += 1;
    }
    return fired;
  }

  private async fire(tx: EnginePort, timer: DueTimer): Promise<void> {
    const { definitions, steps } = this.parts;
    if (timer.instanceId) {
      await steps.runIn(tx, [{ instanceId: timer.instanceId, command: { type: 'fireTimer', timer } }]);
      return;
    }
    // A timer start event: start a new instance and arm the next occurrence of a cycle.
    const definition = await definitions.byId(timer.definitionId!, tx);
    await tx.deleteTimer(timer.id);
    const next = nextStartTimer(timer);
    if (next) await tx.insertStartEventTimer({ ...next, definitionId: definition.id });
    await steps.runIn(tx, [{ instanceId: randomUUID(), definition, command: { type: 'start', variables: {}, startEventId: timer.elementId } }]);
  }

  private async failed(timer: DueTimer, error: Error): Promise<void> {
    if (!timer.instanceId) {
      await this.parts.store.deleteTimer(timer.id);
      return;
    }
    this.parts.cache.forget(timer.instanceId);
    await this.parts.steps.run([{ instanceId: timer.instanceId, command: { type: 'raiseIncident', timer, message: error.message } }]);
  }
}
