import type { Database } from '../../engine/index.ts';

/** What the quality dashboard reads: the daily aggregates, the open facts, the open tasks' dues. */

export interface PeriodTotals {
  procedureKey: string;
  department: string;
  received: number;
  closed: number;
  resolved: number;
  resolvedInTerm: number;
  resolvedInTarget: number;
  refused: number;
  tacitApprovals: number;
  suspensions: number;
  extensions: number;
  complaints: number;
  durationHist: number[];
}

/** `departments` null: every department. */
const scope = (param: string) => `(${param}::text[] is null or department = any(${param}::text[]))`;

/** Sums per procedure and department over [from, to] (Bucharest days), histograms summed in the database. */
export async function periodTotals(db: Database, from: string, to: string, departments: string[] | null): Promise<PeriodTotals[]> {
  const rows = await db.query<{ procedure_key: string; department: string; received: number; closed: number; resolved: number; in_term: number; in_target: number; refused: number; tacit: number; suspensions: number; extensions: number; complaints: number; hist: number[] | null }>(
    `with t as (
       select procedure_key, department, sum(received)::int as received, sum(closed)::int as closed, sum(resolved)::int as resolved,
         sum(resolved_in_term)::int as in_term, sum(resolved_in_target)::int as in_target, sum(refused)::int as refused, sum(tacit_approvals)::int as tacit,
         sum(suspensions)::int as suspensions, sum(extensions)::int as extensions, sum(complaints)::int as complaints
       from quality_daily where day between $1::date and $2::date and ${scope('$3')} group by 1, 2),
     h as (
       select procedure_key, department, array_agg(n order by b) as hist from (
         select procedure_key, department, u.b, sum(u.n)::int as n
         from quality_daily, unnest(duration_hist) with ordinality as u(n, b)
         where day between $1::date and $2::date and ${scope('$3')} group by 1, 2, 3) x group by 1, 2)
     select t.*, h.hist from t left join h using (procedure_key, department) order by t.procedure_key, t.department`, [from, to, departments]);
  return rows.map((r) => ({ procedureKey: r.procedure_key, department: r.department, received: r.received, closed: r.closed, resolved: r.resolved, resolvedInTerm: r.in_term, resolvedInTarget: r.in_target, refused: r.refused, tacitApprovals: r.tacit, suspensions: r.suspensions, extensions: r.extensions, complaints: r.complaints, durationHist: r.hist ?? [] }));
}

/**
 * Requests open now per procedure and department, and how many of them have an open task past its
 * due. Overdue is counted from the tasks' side (open tasks past due, by their index), so the cost
 * follows the overdue tasks, not every open request.
 */
export async function openNow(db: Database, departments: string[] | null, now: Date): Promise<Array<{ procedureKey: string; department: string; open: number; overdue: number }>> {
  const rows = await db.query<{ procedure_key: string; department: string; open: number; overdue: number }>(
    `with open as (
       select procedure_key, department, count(*)::int as open from quality_facts where ended_at is null and ${scope('$1')} group by 1, 2),
     late as (
       select f.procedure_key, f.department, count(distinct f.instance_id)::int as overdue
       from engine_tasks_v t join quality_facts f on f.instance_id = t.instance_id
       where t.status = 'open' and t.due < $2 and f.ended_at is null and ${scope('$1')} group by 1, 2)
     select o.procedure_key, o.department, o.open, coalesce(l.overdue, 0) as overdue
     from open o left join late l using (procedure_key, department) order by 1, 2`, [departments, now]);
  return rows.map((r) => ({ procedureKey: r.procedure_key, department: r.department, open: r.open, overdue: r.overdue }));
}

/** Per day of [from, to]: received and closed (for the backlog and weekly arrivals). */
export async function dailySeries(db: Database, from: string, to: string, departments: string[] | null): Promise<Array<{ day: string; received: number; closed: number }>> {
  return db.query(
    `select to_char(day, 'YYYY-MM-DD') as day, sum(received)::int as received, sum(closed)::int as closed
     from quality_daily where day between $1::date and $2::date and ${scope('$3')} group by day order by day`, [from, to, departments]);
}

/**
 * Received minus closed after `day`: from the daily rows up to the last day rolled up, from the
 * facts after it (today's, usually). The backlog is walked back from today's open count with it.
 */
export async function netAfter(db: Database, day: string, departments: string[] | null): Promise<number> {
  const [last] = await db.query<{ d: string; edge: Date }>(
    `select to_char(d, 'YYYY-MM-DD') as d, (d + 1)::timestamp at time zone 'Europe/Bucharest' as edge
     from (select greatest($1::date, coalesce((select max(day) from quality_rollup_days where rolled_at is not null), $1::date)) as d) x`, [day]);
  // The edge goes in as a literal (a timestamp the database just gave): as a parameter the plan is
  // made for any edge, a third of the facts, and counts them in parallel (60-80 ms at 1,000,000).
  const edge = `'${new Date(last!.edge).toISOString()}'::timestamptz`;
  const [row] = await db.query<{ n: number }>(
    `select (select coalesce(sum(received - closed), 0) from quality_daily where day > $1::date and day <= $2::date and ${scope('$3')})
          + (select count(*) from quality_facts where received_at >= ${edge} and ${scope('$3')})
          - (select count(*) from quality_facts where ended_at >= ${edge} and ${scope('$3')}) as n`,
    [day, last!.d, departments]);
  return Number(row?.n ?? 0);
}

/** Per clerk of these departments: open tasks given to them, those past due, and requests they resolved in the period. */
export async function clerkWorkload(db: Database, from: string, to: string, departments: string[], now: Date): Promise<Array<{ department: string; clerk: string; name: string; open: number; overdue: number; resolved: number }>> {
  return db.query(
    `select d.department, u.email as clerk, u.name,
       (select count(*)::int from engine_tasks_v t where t.status = 'open' and t.assignee = u.email and d.department = any(t.candidate_groups)) as open,
       (select count(*)::int from engine_tasks_v t where t.status = 'open' and t.assignee = u.email and d.department = any(t.candidate_groups) and t.due < $4) as overdue,
       coalesce((select sum(resolved)::int from quality_clerk_daily q where q.clerk = u.email and q.department = d.department and q.day between $2::date and $3::date), 0) as resolved
     from users u join user_departments d on d.user_id = u.id
     where u.role in ('clerk', 'admin') and d.department = any($1::text[]) order by d.department, u.name`, [departments, from, to, now]);
}

/** Citizens' ratings given in [from, to] per procedure and department: how many, their mean, and how many of each score. */
export async function ratingTotals(db: Database, from: string, to: string, departments: string[] | null): Promise<Array<{ procedureKey: string; department: string; count: number; average: number; byScore: number[] }>> {
  const rows = await db.query<{ procedure_key: string; department: string; n: number; mean: string; s1: number; s2: number; s3: number; s4: number; s5: number }>(
    `select procedure_key, department, count(*)::int as n, avg(score)::text as mean,
       ${[1, 2, 3, 4, 5].map((s) => `count(*) filter (where score = ${s})::int as s${s}`).join(', ')}
     from quality_ratings where day between $1::date and $2::date and ${scope('$3')} group by 1, 2 order by 1, 2`, [from, to, departments]);
  return rows.map((r) => ({ procedureKey: r.procedure_key, department: r.department, count: r.n, average: Number(r.mean), byScore: [r.s1, r.s2, r.s3, r.s4, r.s5] }));
}
