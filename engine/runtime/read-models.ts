import type { Clock } from '../clock.ts';
import { clockStatus, type Calendar, type ClockEvent, type ClockStatus, type LegalTerm, type RequestClock } from '../calendar/index.ts';
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
  clock?: ClockView;
  events: EventView[];
}

export type ClockView = ClockStatus & { term: LegalTerm; events: ClockEvent[] };

export function clockView(clock: RequestClock, calendar: Calendar): ClockView {
  return { ...clockStatus(clock, calendar), term: clock.term, events: clock.events };
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
    ...(clock ? { clock: clockView(clock, calendar) } : {}),
  };
}
