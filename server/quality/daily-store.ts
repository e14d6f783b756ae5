import type { Database } from '../../engine/index.ts';

/** Storage of the daily aggregates (`quality_daily`, `quality_clerk_daily`) and of the days rolled up. */

/** Durations of 60 working days or more share the last bucket. */
export const LAST_BUCKET = 60;

export interface DailyRow {
  day: string;
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

/** The instants of day $1, a Bucharest calendar day. */
const inDay = (column: string) => `${column} >= ($1::date::timestamp at time zone 'Europe/Bucharest') and ${column} < (($1::date + 1)::timestamp at time zone 'Europe/Bucharest')`;

/** A day's figures per procedure and department, read from the facts received or ended that day. */
export async function computeDay(tx: Database, day: string): Promise<{ daily: DailyRow[]; clerks: Array<{ department: string; clerk: string; resolved: number }> }> {
  const received = await tx.query<{ procedure_key: string; department: string; n: number }>(
    `select procedure_key, department, count(*)::int as n from quality_facts where ${inDay('received_at')} group by 1, 2`, [day]);
  const ended = await tx.query<{ procedure_key: string; department: string; bucket: number | null; closed: number; resolved: number; in_term: number; in_target: number; refused: number; tacit: number; suspensions: number; extensions: number; complaints: number }>(
    `select procedure_key, department, case when resolved then least(duration_wd, ${LAST_BUCKET}) end as bucket, count(*)::int as closed,
       count(*) filter (where resolved)::int as resolved, count(*) filter (where resolved and in_term)::int as in_term,
       count(*) filter (where resolved and in_target)::int as in_target, count(*) filter (where refused)::int as refused,
       count(*) filter (where tacit)::int as tacit, coalesce(sum(suspensions), 0)::int as suspensions, coalesce(sum(extensions), 0)::int as extensions,
       count(*) filter (where complaint)::int as complaints
     from quality_facts where ${inDay('ended_at')} group by 1, 2, 3`, [day]);
  const rows = new Map<string, DailyRow>();
  const row = (key: string, department: string) => {
    const id = `${key}\u0000${department}`;
    if (!rows.has(id)) rows.set(id, { day, procedureKey: key, department, received: 0, closed: 0, resolved: 0, resolvedInTerm: 0, resolvedInTarget: 0, refused: 0, tacitApprovals: 0, suspensions: 0, extensions: 0, complaints: 0, durationHist: [] });
    return rows.get(id)!;
  };
  for (const r of received) row(r.procedure_key, r.department).received += r.n;
  for (const e of ended) {
    const r = row(e.procedure_key, e.department);
    r.closed += e.closed; r.resolved += e.resolved; r.resolvedInTerm += e.in_term; r.resolvedInTarget += e.in_target; r.refused += e.refused;
    r.tacitApprovals += e.tacit; r.suspensions += e.suspensions; r.extensions += e.extensions; r.complaints += e.complaints;
    if (e.bucket !== null) {
      while (r.durationHist.length <= e.bucket) r.durationHist.push(0);
      r.durationHist[e.bucket]! += e.resolved;
    }
  }
  const clerks = await tx.query<{ department: string; clerk: string; resolved: number }>(
    `select department, resolved_by as clerk, count(*)::int as resolved from quality_facts
     where ${inDay('ended_at')} and resolved and resolved_by is not null group by 1, 2`, [day]);
  return { daily: [...rows.values()], clerks };
}

/** Writes a claimed day's rows (replacing any) and marks it rolled up. */
export async function saveDay(tx: Database, day: string, computed: Awaited<ReturnType<typeof computeDay>>, now: Date): Promise<void> {
  await tx.query('delete from quality_daily where day = $1', [day]);
  await tx.query('delete from quality_clerk_daily where day = $1', [day]);
  if (computed.daily.length > 0) {
    await tx.query(
      `insert into quality_daily (day, procedure_key, department, received, closed, resolved, resolved_in_term, resolved_in_target, refused, tacit_approvals, suspensions, extensions, complaints, duration_hist)
       select $1::date, x.k, x.d, x.received, x.closed, x.resolved, x.in_term, x.in_target, x.refused, x.tacit, x.suspensions, x.extensions, x.complaints,
         array(select jsonb_array_elements_text(x.hist)::int)
       from jsonb_to_recordset($2::jsonb) as x(k text, d text, received int, closed int, resolved int, in_term int, in_target int, refused int, tacit int, suspensions int, extensions int, complaints int, hist jsonb)`,
      [day, JSON.stringify(computed.daily.map((r) => ({ k: r.procedureKey, d: r.department, received: r.received, closed: r.closed, resolved: r.resolved, in_term: r.resolvedInTerm, in_target: r.resolvedInTarget, refused: r.refused, tacit: r.tacitApprovals, suspensions: r.suspensions, extensions: r.extensions, complaints: r.complaints, hist: r.durationHist })))]);
  }
  if (computed.clerks.length > 0) {
    await tx.query(
      `insert into quality_clerk_daily (day, department, clerk, resolved) select $1::date, x.department, x.clerk, x.resolved
       from jsonb_to_recordset($2::jsonb) as x(department text, clerk text, resolved int)`, [day, JSON.stringify(computed.clerks)]);
  }
  await tx.query('update quality_rollup_days set rolled_at = $2 where day = $1', [day, now]);
}
