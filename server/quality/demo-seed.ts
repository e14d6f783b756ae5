import { localDate, type Database, type Definition, type Engine } from '../../engine/index.ts';
import { listLatestPackages } from '../procedures/catalogue.ts';
import { seedHeatmapHistory, type SeededGroup } from './demo-heatmap.ts';
import { rollUpQuality } from './rollup.ts';

/**
 * `dosar demo seed --requests N`: a realistic history for the quality dashboard, written as the
 * anonymous facts the roll-up keeps (no citizen, no form data), then rolled up. Set-based: one
 * statement writes them all with generate_series, on the legal calendar (weekends, the statutory
 * holidays and the installation's extra days): arrivals on working days, durations in working days
 * drawn per procedure around its internal target, terms counted as the law counts them, a share
 * refused, suspended, extended, and tacitly approved where the law allows it. The heatmap gets the
 * same requests along each procedure's main path (demo-heatmap.ts).
 */

/** How each built-in procedure behaves in the demo; others get the defaults. */
const PROFILES: Record<string, { weight: number; meanWd: number; refused: number; tacit: number; extended: number; suspended: number; complaint: number }> = {
  petitie: { weight: 30, meanWd: 12, refused: 0.05, tacit: 0, extended: 0.06, suspended: 0, complaint: 0 },
  sesizare: { weight: 30, meanWd: 9, refused: 0.02, tacit: 0, extended: 0, suspended: 0, complaint: 0 },
  'atestare-fiscala': { weight: 20, meanWd: 1, refused: 0.03, tacit: 0, extended: 0, suspended: 0, complaint: 0 },
  'certificat-urbanism': { weight: 10, meanWd: 10, refused: 0.08, tacit: 0, extended: 0, suspended: 0.2, complaint: 0 },
  'informatii-publice': { weight: 6, meanWd: 6, refused: 0.12, tacit: 0, extended: 0.1, suspended: 0, complaint: 0.03 },
  'autorizatie-functionare': { weight: 4, meanWd: 16, refused: 0.07, tacit: 0.03, extended: 0.1, suspended: 0, complaint: 0 },
};
const DEFAULT_PROFILE = { weight: 5, meanWd: 10, refused: 0.05, tacit: 0, extended: 0, suspended: 0, complaint: 0 };

interface Procedure { key: string; version: number; definition: Definition; department: string; termAmount: number; termWd: boolean; targetAmount: number; targetWd: boolean; lo: number; hi: number; profile: typeof DEFAULT_PROFILE }

async function procedures(db: Database, engine: Engine): Promise<Procedure[]> {
  const found: Array<Omit<Procedure, 'lo' | 'hi'>> = [];
  for (const pkg of await listLatestPackages(db)) {
    const deployed = await engine.findDefinition(pkg.key).catch(() => undefined);
    if (!deployed) continue;
    const term = /^(\d+)\s+(working-days|days)/.exec(deployed.definition.attrs?.legalTerm ?? '30 days');
    const meta = pkg.meta as { department?: string; targetTerm?: { amount: number; unit: string } };
    const target = meta.targetTerm ?? { amount: Number(term?.[1] ?? 30), unit: term?.[2] ?? 'days' };
    found.push({ key: pkg.key, version: deployed.version, definition: deployed.definition, department: meta.department ?? '', termAmount: Number(term?.[1] ?? 30), termWd: term?.[2] === 'working-days', targetAmount: target.amount, targetWd: target.unit === 'working-days', profile: PROFILES[pkg.key] ?? DEFAULT_PROFILE });
  }
  const total = found.reduce((a, p) => a + p.profile.weight, 0);
  let at = 0;
  return found.map((p) => ({ ...p, lo: at / total, hi: (at += p.profile.weight) / total }));
}

/** The days not worked from `from` to `to` (weekdays only: weekends are known to SQL). */
async function nonWorkingWeekdays(engine: Engine, from: string, to: string): Promise<string[]> {
  const calendar = await engine.calendar();
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !calendar.isWorkingDay(day)) out.push(day);
  }
  return out;
}

export async function seedQualityHistory(parts: { db: Database; engine: Engine }, options: { requests: number; open?: number; years?: number; seed?: number }): Promise<{ ended: number; open: number; days: number }> {
  const { db, engine } = parts;
  const today = localDate(engine.clock.now());
  const from = `${Number(today.slice(0, 4)) - (options.years ?? 3)}${today.slice(4)}`;
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + 400 * 86_400_000).toISOString().slice(0, 10);
  const procs = await procedures(db, engine);
  if (procs.length === 0) return { ended: 0, open: 0, days: 0 };
  const open = options.open ?? Math.round(options.requests * 0.05);
  // Read before the transaction: the embedded database has one connection, which the transaction holds.
  const holidays = await nonWorkingWeekdays(engine, from, until);
  const seeded = await db.transaction(async (tx) => {
    await tx.query('select setseed($1::float8)', [options.seed ?? 0.18]);
    return tx.query<SeededGroup>(SEED_SQL, [options.requests, open, from, today, until, holidays, JSON.stringify(procs.map((p) => ({ key: p.key, department: p.department, lo: p.lo, hi: p.hi, term: p.termAmount, term_wd: p.termWd, target: p.targetAmount, target_wd: p.targetWd, mean: p.profile.meanWd, refused: p.profile.refused, tacit: p.profile.tacit, extended: p.profile.extended, suspended: p.profile.suspended, complaint: p.profile.complaint })))]);
  });
  await seedHeatmapHistory(db, procs, seeded);
  const rolled = await rollUpQuality(parts);
  return { ended: options.requests, open, days: rolled.days.length };
}

/**
 * $1 ended requests, $2 open ones, $3-$4 the period, $5 the calendar's end, $6 weekdays not
 * worked, $7 the procedures. `wd` numbers the working days; a day's `c` is how many working days
 * have passed by its end, so "k working days after" is an index lookup and a term in calendar days
 * ends on the first working day at or after its last day (Codul civil art. 2554).
 */
const SEED_SQL = `
with seeded as (
insert into quality_facts (request_id, instance_id, procedure_key, department, received_at, ended_at, resolved, in_term, in_target, refused, tacit, complaint, suspensions, extensions, duration_wd, resolved_by)
with days as (
  select d::date as day, extract(isodow from d) < 6 and d::date <> all($6::date[]) as working from generate_series($3::date, $5::date, interval '1 day') d),
cum as (select day, working, sum(case when working then 1 else 0 end) over (order by day)::int as c from days),
wd as (select c as n, day from cum where working),
span as (select max(c) filter (where day < $4::date) as last_ended, max(c) filter (where day <= $4::date) as today_n from cum),
procs as (select * from jsonb_to_recordset($7::jsonb) as p(key text, department text, lo float8, hi float8, term int, term_wd boolean, target int, target_wd boolean, mean float8, refused float8, tacit float8, extended float8, suspended float8, complaint float8)),
draws as (
  select i, i > $1::int as is_open, random() as r_proc, random() as r_day, random() as r_len, random() as r_refuse, random() as r_tacit, random() as r_ext, random() as r_susp, random() as r_compl, random() as r_hour
  from generate_series(1, $1::int + $2::int) i),
shaped as (
  select d.*, p.*,
    case when d.r_susp < p.suspended then 5 else 0 end as susp_wd,
    case when d.r_ext < p.extended then (case when p.term_wd then 5 else 15 end) else 0 end as ext_amount,
    least(80, floor(-ln(1 - d.r_len * 0.999) * p.mean))::int as len
  from draws d join procs p on d.r_proc >= p.lo and d.r_proc < p.hi),
placed as (
  select s.*, case when s.is_open then (select today_n from span) - floor(s.r_day * 40)::int
                   else 1 + floor(s.r_day * greatest(1, (select last_ended from span) - s.len - s.susp_wd))::int end as recv_n
  from shaped s),
dated as (
  select p.*, w.day as recv_day,
    -- the legal due day and the internal target's, as indexes of working days
    case when p.term_wd then p.recv_n + p.term + p.susp_wd + p.ext_amount else case when ct.working then ct.c else ct.c + 1 end + p.susp_wd end as due_n,
    case when p.target_wd then p.recv_n + p.target else case when cg.working then cg.c else cg.c + 1 end end as target_n
  from placed p join wd w on w.n = p.recv_n
  join cum ct on ct.day = w.day + p.term + p.ext_amount
  join cum cg on cg.day = w.day + p.target),
ended as (
  select d.*, case when d.is_open then null when d.r_tacit < d.tacit then d.due_n else d.recv_n + d.len + d.susp_wd end as end_n from dated d)
select gen_random_uuid(), gen_random_uuid(), e.key, e.department,
  (e.recv_day + interval '8 hours' + e.r_hour * interval '8 hours')::timestamp at time zone 'Europe/Bucharest',
  case when e.end_n is null then null else (we.day + interval '9 hours' + e.r_hour * interval '7 hours')::timestamp at time zone 'Europe/Bucharest' end,
  case when e.end_n is null then null else true end,
  case when e.end_n is null then null else e.r_tacit >= e.tacit and e.end_n <= e.due_n end,
  case when e.end_n is null then null else e.end_n <= e.target_n end,
  case when e.end_n is null then null else e.r_tacit >= e.tacit and e.r_refuse < e.refused end,
  case when e.end_n is null then null else e.r_tacit < e.tacit end,
  case when e.end_n is null then null else e.r_compl < e.complaint end,
  case when e.end_n is null then null when e.susp_wd > 0 then 1 else 0 end,
  case when e.end_n is null then null when e.ext_amount > 0 then 1 else 0 end,
  case when e.end_n is null then null else e.end_n - e.recv_n end,
  null
from ended e left join wd we on we.n = e.end_n
returning procedure_key, ended_at, duration_wd)
select procedure_key, to_char((ended_at at time zone 'Europe/Bucharest')::date, 'YYYY-MM-DD') as day, duration_wd, count(*)::int as n
from seeded where ended_at is not null group by 1, 2, 3`;
