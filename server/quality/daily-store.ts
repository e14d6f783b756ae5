import type { Database } from '../../engine/index.ts';

/** Storage of the daily aggregates (`quality_daily`, `quality_clerk_daily`) and of the days rolled up. */

/** Durations of 60 working days or more share the last bucket. */
const LAST_BUCKET = 60;

/**
 * Lists every day from the first not yet listed (or the oldest request's) to `lastDay`, then claims
 * up to `limit` of those not rolled up, oldest first: rows locked for update skip locked, so two
 * processes rolling up at once take different days. Call inside a transaction.
 */
export async function claimDays(tx: Database, lastDay: string, limit: number): Promise<string[]> {
  await tx.query(
    `insert into quality_rollup_days (day)
     select d::date from generate_series(
       coalesce((select max(day) + 1 from quality_rollup_days), (select (min(received_at) at time zone 'Europe/Bucharest')::date from quality_facts)),
       $1::date, interval '1 day') d
     on conflict do nothing`, [lastDay]);
  const rows = await tx.query<{ day: string }>(
    "select to_char(day, 'YYYY-MM-DD') as day from quality_rollup_days where rolled_at is null and day <= $1::date order by day limit $2 for update skip locked", [lastDay, limit]);
  return rows.map((r) => r.day);
}

const LOCAL_DAY = (column: string) => `(${column} at time zone 'Europe/Bucharest')::date`;
/** The facts' instants within the claimed days (an index range from the first day's start to the last day's end). */
const WITHIN = (column: string) => `${column} >= ((select min(d) from claimed)::timestamp at time zone 'Europe/Bucharest')
  and ${column} < (((select max(d) from claimed) + 1)::timestamp at time zone 'Europe/Bucharest') and ${LOCAL_DAY(column)} in (select d from claimed)`;

/**
 * Writes the figures of the claimed days (replacing any) in set-based statements, and marks them
 * rolled up: the nightly run passes a day or a few, the demo seed years of them.
 */
export async function rollUpDays(tx: Database, days: string[], now: Date): Promise<void> {
  if (days.length === 0) return;
  const claimed = 'claimed as (select unnest($1::date[]) as d)';
  await tx.query(`with ${claimed} delete from quality_daily where day in (select d from claimed)`, [days]);
  await tx.query(`with ${claimed} delete from quality_clerk_daily where day in (select d from claimed)`, [days]);
  await tx.query(
    `insert into quality_daily (day, procedure_key, department, received, closed, resolved, resolved_in_term, resolved_in_target, refused, tacit_approvals, suspensions, extensions, complaints, duration_hist)
     with ${claimed},
     r as (select ${LOCAL_DAY('received_at')} as day, procedure_key, department, count(*)::int as received from quality_facts where ${WITHIN('received_at')} group by 1, 2, 3),
     e as (select ${LOCAL_DAY('ended_at')} as day, procedure_key, department, count(*)::int as closed, count(*) filter (where resolved)::int as resolved,
             count(*) filter (where resolved and in_term)::int as in_term, count(*) filter (where resolved and in_target)::int as in_target,
             count(*) filter (where refused)::int as refused, count(*) filter (where tacit)::int as tacit, coalesce(sum(suspensions), 0)::int as suspensions,
             coalesce(sum(extensions), 0)::int as extensions, count(*) filter (where complaint)::int as complaints,
             max(least(duration_wd, ${LAST_BUCKET})) filter (where resolved) as top
           from quality_facts where ${WITHIN('ended_at')} group by 1, 2, 3),
     b as (select ${LOCAL_DAY('ended_at')} as day, procedure_key, department, least(duration_wd, ${LAST_BUCKET}) as bucket, count(*)::int as n
           from quality_facts where resolved and ${WITHIN('ended_at')} group by 1, 2, 3, 4),
     h as (select e.day, e.procedure_key, e.department, array_agg(coalesce(b.n, 0) order by g.i) as hist
           from e cross join lateral generate_series(0, e.top) as g(i)
           left join b on b.day = e.day and b.procedure_key = e.procedure_key and b.department = e.department and b.bucket = g.i
           where e.top is not null group by 1, 2, 3)
     select coalesce(r.day, e.day), coalesce(r.procedure_key, e.procedure_key), coalesce(r.department, e.department), coalesce(r.received, 0), coalesce(e.closed, 0),
       coalesce(e.resolved, 0), coalesce(e.in_term, 0), coalesce(e.in_target, 0), coalesce(e.refused, 0), coalesce(e.tacit, 0), coalesce(e.suspensions, 0),
       coalesce(e.extensions, 0), coalesce(e.complaints, 0), coalesce(h.hist, '{}')
     from r full join e using (day, procedure_key, department) left join h using (day, procedure_key, department)`, [days]);
  await tx.query(
    `insert into quality_clerk_daily (day, department, clerk, resolved)
     with ${claimed}
     select ${LOCAL_DAY('ended_at')}, department, resolved_by, count(*)::int from quality_facts
     where resolved and resolved_by is not null and ${WITHIN('ended_at')} group by 1, 2, 3`, [days]);
  await tx.query('update quality_rollup_days set rolled_at = $2 where day = any($1::date[])', [days, now]);
}
