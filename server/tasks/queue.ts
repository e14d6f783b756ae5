import { addWorkingDays, endOfLocalDay, localDate, AppError, isUuid, type TaskView } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { atRiskCondition, atRiskJoins } from '../quality/early-warning-store.ts';
import { riskThresholds } from '../quality/early-warning.ts';

/** An open task as the engine lists it, with what a clerk's queue adds: the request it belongs to. */
export interface QueueTask extends TaskView {
  overdue: boolean;
  formKey: string | null;
  createdAt: string;
  requestId: string | null;
  registrationNumber: string | null;
  procedureKey: string | null;
  /** Its request is at risk of missing the legal deadline (server/quality/early-warning.ts); only in lists. */
  atRisk?: boolean;
}

export interface QueueFilter {
  /** One of the clerk's departments; default all of them. */
  group?: string;
  /** "me": only mine; "none": unclaimed only. */
  assignee?: 'me' | 'none';
  procedure?: string;
  overdue?: boolean;
  /** Due within N working days from today (legal calendar), overdue included. */
  dueWithinWorkingDays?: number;
  /** Only tasks whose request is at risk of missing its legal deadline. */
  atRisk?: boolean;
  limit?: number;
}

interface Row { id: string; instance_id: string; element_id: string; name: string | null; candidate_groups: string[]; assignee: string | null; due: Date | null; form_key: string | null; created_at: Date; request_id: string | null; registration_number: string | null; procedure_key: string | null }

const COLUMNS = `t.id, t.instance_id, t.element_id, t.name, t.candidate_groups, t.assignee, t.due, t.form_key, t.created_at,
    r.id as request_id, r.registration_number, r.procedure_key`;
const FROM = 'from engine_tasks_v t left join requests r on r.instance_id = t.instance_id';
const SELECT = `select ${COLUMNS}\n  ${FROM}`;

function toTask(r: Row, now: Date): QueueTask {
  return {
    id: r.id, instanceId: r.instance_id, elementId: r.element_id, name: r.name, candidateGroups: r.candidate_groups, assignee: r.assignee,
    due: r.due ? new Date(r.due).toISOString() : null, overdue: r.due !== null && new Date(r.due) < now, formKey: r.form_key,
    createdAt: new Date(r.created_at).toISOString(), requestId: r.request_id, registrationNumber: r.registration_number, procedureKey: r.procedure_key,
  };
}

/**
 * A clerk's queue: open tasks of their departments (or assigned to them), sorted by due date.
 * Overdue is computed against the engine clock at every read.
 */
export async function listQueue(ctx: AppContext, user: User, filter: QueueFilter = {}): Promise<QueueTask[]> {
  const groups = visibleGroups(user, filter.group);
  const now = ctx.engine.clock.now();
  const params: unknown[] = [];
  const where = ["t.status = 'open'"];
  // Number a parameter only where the text uses it: PostgreSQL cannot type a parameter no clause mentions.
  const mine = () => `t.assignee = $${params.push(user.email)}`;
  if (user.role !== 'admin' || filter.group) where.push(`(t.candidate_groups && $${params.push(groups)}::text[] or ${mine()})`);
  if (filter.assignee === 'me') where.push(mine());
  if (filter.assignee === 'none') where.push('t.assignee is null');
  if (filter.procedure) where.push(`r.procedure_key = $${params.push(filter.procedure)}`);
  if (filter.overdue) where.push(`t.due < $${params.push(now)}`);
  if (filter.dueWithinWorkingDays !== undefined) {
    const limitDay = addWorkingDays(await ctx.engine.calendar(), localDate(now), filter.dueWithinWorkingDays);
    where.push(`t.due <= $${params.push(endOfLocalDay(limitDay))}`);
  }
  // The risk test runs on the listed tasks' request instances only (index lookups), and before
  // the limit only when it filters.
  const risk = await riskThresholds(ctx);
  const atRisk = atRiskCondition(`$${params.push(risk.dueBy)}`, `$${params.push(risk.idleSince)}`);
  if (filter.atRisk) where.push(atRisk);
  const rows = await ctx.db.query<Row & { at_risk: boolean }>(
    `select q.*, ${atRisk} as at_risk from (
       select ${COLUMNS}, r.instance_id as request_instance_id
       ${FROM}
       ${filter.atRisk ? atRiskJoins('r.instance_id') : ''}
       where ${where.join(' and ')}
       order by t.due nulls last, t.created_at, t.id
       limit $${params.push(Math.min(filter.limit ?? 200, 1000))}) as q
     ${atRiskJoins('q.request_instance_id')}
     order by q.due nulls last, q.created_at, q.id`,
    params,
  );
  return rows.map((r) => ({ ...toTask(r, now), atRisk: r.at_risk }));
}

/** Open, unclaimed-or-mine, and overdue counts per department queue. */
export async function queueCounts(ctx: AppContext, user: User): Promise<Array<{ group: string; open: number; overdue: number; mine: number }>> {
  const groups = visibleGroups(user);
  const rows = await ctx.db.query<{ grp: string; open: number; overdue: number; mine: number }>(
    `select g as grp, count(t.id)::int as open,
            count(t.id) filter (where t.due < $2)::int as overdue,
            count(t.id) filter (where t.assignee = $3)::int as mine
     from unnest($1::text[]) as g left join engine_tasks_v t on t.status = 'open' and t.candidate_groups @> array[g]
     group by g order by g`,
    [groups, ctx.engine.clock.now(), user.email],
  );
  return rows.map((r) => ({ group: r.grp, open: r.open, overdue: r.overdue, mine: r.mine }));
}

function visibleGroups(user: User, group?: string): string[] {
  if (user.role !== 'clerk' && user.role !== 'admin') throw new AppError('forbidden', { ro: 'Doar funcționarii au cozi de lucru.', en: 'Only clerks have task queues.' });
  if (group === undefined) return user.departments;
  if (user.role !== 'admin' && !user.departments.includes(group)) throw new AppError('forbidden', { ro: `Nu lucrați în departamentul „${group}”.`, en: `You do not work in "${group}".` });
  return [group];
}

/** An open task the user may act on: one of their departments', or assigned to them. */
export async function requireActionableTask(ctx: AppContext, user: User, taskId: string): Promise<QueueTask> {
  if (!isUuid(taskId)) throw new AppError('task-not-found', { ro: 'Sarcina nu există.', en: 'The task does not exist.' });
  const now = ctx.engine.clock.now();
  const [row] = await ctx.db.query<Row>(`${SELECT} where t.id = $1 and t.status = 'open'`, [taskId]);
  const task = row ? toTask(row, now) : undefined;
  const allowed = task && (user.role === 'admin' || (user.role === 'clerk' && (task.assignee === user.email || task.candidateGroups.some((g) => user.departments.includes(g)))));
  if (!task || !allowed) throw new AppError('task-not-found', { ro: 'Sarcina nu există sau a fost deja rezolvată.', en: 'The task does not exist or is already done.' });
  return task;
}
