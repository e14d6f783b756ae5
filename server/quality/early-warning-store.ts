import type { Database } from '../../engine/index.ts';

/**
 * The SQL of the early warning (server/quality/early-warning.ts says what "at risk" means). Every
 * lookup is by key: open requests by the partial index `quality_facts_open` (ended_at is null),
 * instances and requests by primary key, an instance's events by `(instance_id, id)` read backwards
 * from the newest row, and its open tasks by `tasks_instance`. Nothing scans all requests or events.
 */

export interface RiskThresholds {
  /** Last day of the legal term on or before this Bucharest date (overdue included). */
  dueBy: string;
  /** No engine event (a claim is one) at or after this instant. */
  idleSince: Date;
}

export interface AtRiskRow {
  requestId: string;
  instanceId: string;
  registrationNumber: string | null;
  procedureKey: string;
  department: string;
  dueDate: string;
  lastProgressAt: string;
  assignees: string[];
}

/**
 * What the at-risk test reads of the instance in `instanceSql`, as two left laterals (a row without
 * them is simply not at risk). The legal due date is the one the latest `clock.*` event stated (null
 * while suspended: the term does not run); progress is the time of the newest event row.
 */
export function atRiskJoins(instanceSql: string): string {
  return `${legalClockJoin(instanceSql)}
    left join lateral (
      select x.at as last_at from engine_events_v x where x.instance_id = ${instanceSql}
      order by x.row_id desc limit 1) as risk_progress on true`;
}

/** The legal term as the latest `clock.*` event stated it: `risk_clock.due` (a date) and `risk_clock.state`. */
function legalClockJoin(instanceSql: string): string {
  return `left join lateral (
      select (x.data ->> 'due')::date as due, coalesce(x.data ->> 'state', 'running') as state
      from engine_events_v x where x.instance_id = ${instanceSql} and x.type like 'clock.%'
      order by x.row_id desc, x.position desc limit 1) as risk_clock on true`;
}

/**
 * Open requests whose running legal term ended before `today` (a Bucharest date), per department;
 * a suspended term is not overdue. Open requests are those the quality roll-up has recorded.
 */
export async function countOverdueRequests(db: Database, today: string): Promise<Array<{ department: string; overdue: number }>> {
  const rows = await db.query<{ department: string; overdue: string }>(
    `select f.department, count(*) filter (where risk_clock.state = 'running' and risk_clock.due < $1::date) as overdue
     from quality_facts f
     join engine_instances_v i on i.id = f.instance_id and i.status = 'active'
     ${legalClockJoin('f.instance_id')}
     where f.ended_at is null
     group by f.department`,
    [today]);
  return rows.map((r) => ({ department: r.department, overdue: Number(r.overdue) }));
}

/** The test itself, over the laterals above; the thresholds are the caller's numbered parameters. */
export function atRiskCondition(dueByParam: string, idleSinceParam: string): string {
  return `coalesce(risk_clock.state = 'running' and risk_clock.due <= ${dueByParam}::date and risk_progress.last_at < ${idleSinceParam}::timestamptz, false)`;
}

/** Open requests at risk in these departments (null: all), the most urgent first. */
export async function listAtRiskRequests(db: Database, departments: string[] | null, t: RiskThresholds, limit: number): Promise<AtRiskRow[]> {
  const rows = await db.query<{ request_id: string; instance_id: string; registration_number: string | null; procedure_key: string; department: string; due: string; last_at: Date; assignees: string[] | null }>(
    `select f.request_id, f.instance_id, r.registration_number, f.procedure_key, f.department, to_char(risk_clock.due, 'YYYY-MM-DD') as due, risk_progress.last_at,
       (select array_agg(distinct t.assignee order by t.assignee) from engine_tasks_v t where t.instance_id = f.instance_id and t.status = 'open' and t.assignee is not null) as assignees
     from quality_facts f
     join engine_instances_v i on i.id = f.instance_id and i.status = 'active'
     join requests r on r.id = f.request_id
     ${atRiskJoins('f.instance_id')}
     where f.ended_at is null and ($1::text[] is null or f.department = any($1::text[])) and ${atRiskCondition('$2', '$3')}
     order by risk_clock.due, risk_progress.last_at, f.request_id
     limit $4`,
    [departments, t.dueBy, t.idleSince, limit]);
  return rows.map((r) => ({
    requestId: r.request_id, instanceId: r.instance_id, registrationNumber: r.registration_number, procedureKey: r.procedure_key, department: r.department,
    dueDate: r.due, lastProgressAt: new Date(r.last_at).toISOString(), assignees: r.assignees ?? [],
  }));
}
