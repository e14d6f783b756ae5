import { step } from '../../engine/core/step.ts';
import type { Command, EventRecord, InstanceState, JobRecord, SubscriptionRecord, TaskRecord, TimerRecord, Variables } from '../../engine/core/types.ts';
import type { Definition } from '../../engine/model/definition.ts';
import { compileModel } from '../../engine/model/index.ts';

/**
 * Drives the pure core with effects kept in memory, so core tests read like scenarios
 * without a database. Effects are applied exactly as the store would apply them.
 */
export class CoreDriver {
  state: InstanceState | null = null;
  now = '2026-03-02T08:00:00.000Z';
  readonly tasks = new Map<string, TaskRecord>();
  readonly timers = new Map<string, TimerRecord>();
  readonly jobs = new Map<string, JobRecord>();
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  readonly events: EventRecord[] = [];
  readonly spawned: Array<{ childInstanceId: string; key: string; variables: Variables }> = [];
  readonly parentNotices: unknown[] = [];
  readonly broadcasts: Array<{ signalName: string; variables: Variables }> = [];
  private ids = 0;

  constructor(readonly def: Definition) {}

  static async fromXml(xml: string, key?: string): Promise<CoreDriver> {
    const defs = await compileModel(xml);
    const def = key ? defs.find((d) => d.key === key) : defs[0];
    if (!def) throw new Error(`no process ${key}`);
    return new CoreDriver(def);
  }

  run(command: Command): this {
    const result = step(this.def, this.state, command, { instanceId: 'i1', now: this.now, newId: () => `id${++this.ids}` });
    this.state = result.state;
    for (const e of result.effects) {
      switch (e.type) {
        case 'task.create': this.tasks.set(e.task.id, e.task); break;
        case 'task.close': this.tasks.delete(e.taskId); break;
        case 'timer.schedule': this.timers.set(e.timer.id, e.timer); break;
        case 'timer.cancel': this.timers.delete(e.timerId); break;
        case 'job.enqueue': this.jobs.set(e.job.id, e.job); break;
        case 'job.cancel': this.jobs.delete(e.jobId); break;
        case 'subscription.open': this.subscriptions.set(e.subscription.id, e.subscription); break;
        case 'subscription.close': this.subscriptions.delete(e.subscriptionId); break;
        case 'event.append': this.events.push(e.event); break;
        case 'instance.spawn': this.spawned.push(e); break;
        case 'instance.notifyParent': this.parentNotices.push(e); break;
        case 'instance.terminateChild': break;
        case 'signal.broadcast': this.broadcasts.push({ signalName: e.signalName, variables: e.variables }); break;
      }
    }
    return this;
  }

  start(variables: Variables = {}, startEventId?: string): this {
    return this.run({ type: 'start', variables, ...(startEventId ? { startEventId } : {}) });
  }

  task(elementId: string): TaskRecord {
    const task = [...this.tasks.values()].find((t) => t.elementId === elementId);
    if (!task) throw new Error(`no open task at ${elementId}; open: ${this.openTaskElements().join(', ')}`);
    return task;
  }

  openTaskElements(): string[] {
    return [...this.tasks.values()].map((t) => t.elementId).sort();
  }

  completeTask(elementId: string, variables: Variables = {}): this {
    return this.run({ type: 'completeTask', taskId: this.task(elementId).id, variables });
  }

  /** Moves the clock to the earliest armed timer and fires it. */
  fireNextTimer(): this {
    const next = [...this.timers.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    if (!next) throw new Error('no armed timer');
    this.now = next.dueAt;
    return this.run({ type: 'fireTimer', timer: next });
  }

  timerAt(elementId: string): TimerRecord | undefined {
    return [...this.timers.values()].find((t) => t.elementId === elementId);
  }

  fireTimerAt(elementId: string): this {
    const timer = this.timerAt(elementId);
    if (!timer) throw new Error(`no timer at ${elementId}`);
    this.now = timer.dueAt;
    return this.run({ type: 'fireTimer', timer });
  }

  correlate(messageName: string, variables: Variables = {}): this {
    const sub = [...this.subscriptions.values()].find((s) => s.messageName === messageName);
    if (!sub) throw new Error(`nobody waits for ${messageName}`);
    return this.run({ type: 'correlateMessage', subscription: sub, variables });
  }

  /** Delivers a broadcast signal to every subscription to it armed now, one step each (as the deliverer does). */
  signal(signalName: string, variables: Variables = {}): this {
    const subs = [...this.subscriptions.values()].filter((s) => s.kind === 'signal' && s.messageName === signalName);
    for (const sub of subs) if (this.subscriptions.has(sub.id)) this.run({ type: 'catchSignal', subscription: sub, variables });
    return this;
  }

  setVariables(variables: Variables): this {
    return this.run({ type: 'setVariables', variables });
  }

  job(elementId: string): JobRecord {
    const job = [...this.jobs.values()].find((j) => j.elementId === elementId);
    if (!job) throw new Error(`no job at ${elementId}`);
    return job;
  }

  completeJob(elementId: string, variables: Variables = {}): this {
    return this.run({ type: 'completeJob', jobId: this.job(elementId).id, variables });
  }

  get status(): string {
    return this.state!.status;
  }

  get variables(): Variables {
    return this.state!.scopes.find((s) => s.kind === 'process')!.variables;
  }

  activeElements(): string[] {
    return this.state!.tokens.map((t) => t.elementId).sort();
  }

  completed(elementId: string): boolean {
    return this.events.some((e) => e.type === 'element.completed' && e.elementId === elementId);
  }
}

/** Wraps process XML in a definitions element with the namespaces tests use. */
export function bpmn(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:dosar="http://dosar.ro/schema/bpmn"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  id="defs" targetNamespace="http://dosar.ro/test">
${body}
</bpmn:definitions>`;
}
