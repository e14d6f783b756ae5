import type { Clock } from '../clock.ts';
import { deadlineStatus, type Calendar, type DeadlineEvent, type DeadlineStatus, type LegalTerm, type Deadline } from '../calendar/index.ts';
import type { InstanceState, Variables } from '../core/types.ts';
import { AppError } from '../errors.ts';
import type { EnginePort, EventView, StoredInstance, TaskView } from '../ports.ts';
import type { LegalCalendar } from './legal-calendar.ts';

export interface InstanceView {
  id: string;
  key: string;
  version: number;
  businessKey?: string;
  status: InstanceState['status'];
  active: string[];
  variables: Variables;
  incident?: InstanceState['incident'];
  /** The deadline, under the key `clock` that API answers have always used. */
  clock?: DeadlineView;
  events: EventView[];
}

export type DeadlineView = DeadlineStatus & { term: LegalTerm; events: DeadlineEvent[] };

/** A deadline as callers see it: its status on the calendar, its term and its events. */
export function deadlineView(deadline: Deadline, calendar: Calendar): DeadlineView {
  return { ...deadlineStatus(deadline, calendar), term: deadline.term, events: deadline.events };
}

/**
 * What callers see of instances and tasks. Always read from the database, never from the
 * instance cache: a view must show what committed, whoever wrote it.
 */
export class ReadModels {
  constructor(private readonly parts: { store: EnginePort; clock: Clock; calendar: LegalCalendar }) {}

  async instance(id: string): Promise<InstanceView> {
    const { store, calendar } = this.parts;
    const instance = await this.loadFresh(id, store);
    return { ...summary(instance, (await calendar.load(store)).calendar), events: await store.listEvents(id) };
  }

  async instances(ids: string[]): Promise<Array<Omit<InstanceView, 'events'>>> {
    if (ids.length === 0) return [];
    const { store, calendar } = this.parts;
    const { calendar: days } = await calendar.load(store);
    return (await store.loadInstances(ids)).map((instance) => summary(instance, days));
  }

  /** Open tasks; `overdue` is computed against the engine's clock at every read, never stored. */
  async openTasks(query: { instanceId?: string; group?: string; assignee?: string; limit?: number }): Promise<Array<TaskView & { overdue: boolean }>> {
    const now = this.parts.clock.now().toISOString();
    return (await this.parts.store.listOpenTasks(query)).map((t) => ({ ...t, overdue: t.due !== null && t.due < now }));
  }

  /** An instance as stored now, read through `port`. */
  async loadFresh(id: string, port: EnginePort): Promise<StoredInstance> {
    const instance = await port.loadInstance(id);
    if (!instance) throw new AppError('instance-not-found', `Instance ${id} does not exist`);
    return instance;
  }
}

function summary(instance: StoredInstance, calendar: Calendar): Omit<InstanceView, 'events'> {
  const root = instance.state.scopes.find((s) => s.kind === 'process');
  const deadline = instance.state.clock;
  return {
    id: instance.id,
    key: instance.key,
    version: instance.version,
    ...(instance.businessKey ? { businessKey: instance.businessKey } : {}),
    status: instance.state.status,
    active: [...new Set(instance.state.tokens.map((t) => t.elementId))],
    variables: root?.variables ?? {},
    ...(instance.state.incident ? { incident: instance.state.incident } : {}),
    ...(deadline ? { clock: deadlineView(deadline, calendar) } : {}),
  };
}
