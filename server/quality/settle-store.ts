import type { Database } from '../../engine/index.ts';
import { TIME_BUCKETS } from './element-stats.ts';

/**
 * Settling ended requests in one set-based statement: the batch's events are read and summed
 * inside PostgreSQL (never sent to the server process), each fact is updated, and the heatmap's
 * figures are added to `quality_element_daily`, so a fact is settled and counted together or
 * not at all.
 */

/** What the server works out for a request without its events (it needs the calendar). */
export interface CalendarFigures {
  requestId: string;
  instanceId: string;
  procedureKey: string;
  version: number;
  endedAt: string;
  /** The Bucharest day it ended, YYYY-MM-DD (compared with the term's last day as the ledger states it). */
  endedDay: string;
  resolved: boolean;
  inTarget: boolean | null;
  durationWd: number;
}

/**
 * Per procedure version, the elements whose events mark a request as a complaint, and the ends
 * that mean a refusal. A version without marks (its definition is gone) is read by element id.
 */
export interface VersionMarks { procedureKey: string; version: number; complaint: string[]; refusal: string[] }

/**
 * A stay's histogram bucket, as bucketOf() in element-stats.ts computes it: bucket i starts at
 * 2^((i-1)/2) seconds, so it is the count of powers of two at or below the stay squared (exact
 * numeric comparisons, no logarithm).
 */
const SQUARE_STARTS = `'{${Array.from({ length: TIME_BUCKETS - 1 }, (_, i) => (2n ** BigInt(i)).toString()).join(',')}}'::numeric[]`;
export const BUCKET_SQL = (seconds: string) => `width_bucket((${seconds})::numeric * (${seconds})::numeric, ${SQUARE_STARTS})`;

/** An element of an administrative complaint (Legea 544/2001 art. 21: `reclamatie…`). */
export const COMPLAINT = /reclama|contesta|complaint/i;
const COMPLAINT_IDS = COMPLAINT.source;
const LOCAL_DAY = "(e.at at time zone 'Europe/Bucharest')::date";

/**
 * Settles these facts, those still open, and adds their heatmap figures. The facts are locked
 * first: a process settling the same facts at once waits on their rows, then finds them settled
 * and counts nothing. CTEs are only ever joined when small: the planner cannot size
 * a CTE, and a nested loop over two large ones costs seconds.
 */
export async function settleBatch(tx: Database, figures: CalendarFigures[], marks: VersionMarks[]): Promise<number> {
  if (figures.length === 0) return 0;
  const [row] = await tx.query<{ settled: number }>(
    `with x as (
       select x.* from jsonb_to_recordset($1::jsonb) as x(request_id uuid, instance_id uuid, procedure_key text, version integer, ended_at timestamptz,
         ended_day text, resolved boolean, in_target boolean, duration_wd integer)
       join quality_facts f on f.request_id = x.request_id
       where f.ended_at is null for update of f),
     m as (select * from jsonb_to_recordset($2::jsonb) as m(procedure_key text, version integer, complaint text[], refusal text[])),
     e as materialized (
       select x.request_id, x.procedure_key, x.version, v.instance_id, v.row_id, v.position, v.type, v.element_id, v.at,
         case when v.type like 'clock.%' and jsonb_typeof(v.data -> 'due') = 'string' then v.data ->> 'due' end as due,
         case when v.type in ('task.claimed', 'task.reassigned') and jsonb_typeof(v.data -> 'assignee') = 'string' then v.data ->> 'assignee' end as assignee,
         case when v.type = 'element.entered' and jsonb_typeof(v.data -> 'flow') = 'string' then v.data ->> 'flow' end as flow,
         case when m.procedure_key is null then v.element_id ~* '${COMPLAINT_IDS}' else v.element_id = any(m.complaint) end as complaint,
         v.type = 'element.completed' and v.element_id = any(m.refusal) as refusal
       from x left join m on m.procedure_key = x.procedure_key and m.version = x.version
       join engine_events_v v on v.instance_id = x.instance_id
       where v.type like 'clock.%' or v.type in ('task.claimed', 'task.reassigned', 'element.entered', 'element.completed')),
     per as (
       select request_id,
         (array_agg(due order by row_id desc, position desc) filter (where due is not null))[1] as due,
         count(*) filter (where type = 'clock.suspended')::int as suspensions,
         count(*) filter (where type = 'clock.extended')::int as extensions,
         coalesce(bool_or(type = 'clock.tacit-approval'), false) as tacit,
         (array_agg(assignee order by row_id desc, position desc) filter (where assignee is not null))[1] as resolved_by,
         coalesce(bool_or(complaint), false) as complaint,
         coalesce(bool_or(refusal), false) as refused
       from e group by request_id),
     settled as (
       update quality_facts f set ended_at = x.ended_at, resolved = x.resolved, in_target = x.in_target, duration_wd = x.duration_wd,
         in_term = case when per.due is null then null else not coalesce(per.tacit, false) and x.ended_day <= per.due collate "C" end,
         refused = coalesce(per.refused, false), tacit = coalesce(per.tacit, false), complaint = coalesce(per.complaint, false),
         suspensions = coalesce(per.suspensions, 0), extensions = coalesce(per.extensions, 0), resolved_by = per.resolved_by
       from x left join per on per.request_id = x.request_id
       where f.request_id = x.request_id and f.ended_at is null
       returning 1),
     el as (
       select procedure_key, version, type, element_id, flow, at, ${LOCAL_DAY} as day,
         -- the n-th completion pairs with the n-th entry (first in, first out: a loop enters again)
         case when type = 'element.completed'
           then (array_agg(at) filter (where type = 'element.entered') over w)[count(*) filter (where type = 'element.completed') over w] end as since
       from e where type in ('element.entered', 'element.completed') and element_id is not null
       window w as (partition by instance_id, element_id collate "C" order by row_id, position rows between unbounded preceding and current row)),
     passes as (
       select procedure_key, version, day, element_id, count(*)::int as n from el where type = 'element.entered' group by 1, 2, 3, 4
       union all
       select procedure_key, version, day, flow, count(*)::int from el where flow is not null group by 1, 2, 3, 4),
     buckets as (
       select procedure_key, version, day, element_id, ${BUCKET_SQL('s')} as bucket, count(*)::int as n, sum(s) as seconds
       from (select procedure_key, version, day, element_id, greatest(0, extract(epoch from at - since)) as s from el where since is not null) stays
       group by 1, 2, 3, 4, 5),
     timed as (
       select b.procedure_key, b.version, b.day, b.element_id, b.timed, b.seconds, array_agg(coalesce(h.n, 0) order by g.i) as hist
       from (select procedure_key, version, day, element_id, sum(n)::int as timed, sum(seconds) as seconds, max(bucket) as top from buckets group by 1, 2, 3, 4) b
       cross join lateral generate_series(0, b.top) as g(i)
       left join buckets h on h.procedure_key = b.procedure_key and h.version = b.version and h.day = b.day and h.element_id = b.element_id and h.bucket = g.i
       group by 1, 2, 3, 4, 5, 6),
     added as (
       insert into quality_element_daily as q (procedure_key, version, day, element_id, passes, timed, seconds, time_hist)
       select procedure_key, version, day, element_id, coalesce(p.n, 0), coalesce(t.timed, 0), coalesce(t.seconds, 0), coalesce(t.hist, '{}')
       from (select procedure_key, version, day, element_id, sum(n)::int as n from passes group by 1, 2, 3, 4) p
       full join timed t using (procedure_key, version, day, element_id)
       order by 1, 2, 3, 4
       on conflict (procedure_key, version, day, element_id) do update set
         passes = q.passes + excluded.passes, timed = q.timed + excluded.timed, seconds = q.seconds + excluded.seconds,
         time_hist = coalesce((select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i) from unnest(q.time_hist, excluded.time_hist) with ordinality as u(a, b, i)), '{}'))
     select (select count(*) from settled)::int as settled`,
    [
      JSON.stringify(figures.map((f) => ({ request_id: f.requestId, instance_id: f.instanceId, procedure_key: f.procedureKey, version: f.version, ended_at: f.endedAt, ended_day: f.endedDay, resolved: f.resolved, in_target: f.inTarget, duration_wd: f.durationWd }))),
      JSON.stringify(marks.map((m) => ({ procedure_key: m.procedureKey, version: m.version, complaint: m.complaint, refusal: m.refusal }))),
    ]);
  return row!.settled;
}
