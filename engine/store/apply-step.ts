import type { Effect, Token } from '../core/types.ts';
import type { StepWrite } from '../ports.ts';
import type { Database } from './database.ts';

/**
 * Persists one step in ONE statement: a data-modifying CTE guarded by the instance's revision. Every
 * write hangs off the instance write (`from u`), so a stale revision writes nothing at all. New rows
 * travel as jsonb arrays, removed ids as arrays; the statement holds only the parts the step has rows
 * for, one fixed text (and one named prepared statement) per shape of step.
 *
 * Performance notes (bench: `npm run bench`): one round trip per step; a generic plan (no re-planning
 * per call); no per-row foreign-key checks on the instance's children (they were the largest single
 * cost in EXPLAIN ANALYZE); HOT-friendly fillfactor; closed tasks move to closed_tasks instead of an
 * update that rewrites every queue index (+20-35% steps/s). Tried and dropped: one event row per
 * step instead of per event (no measurable gain).
 * Measured (petition bench at 16 clients, CPU per step from process.cpuUsage and /proc of the
 * postgres processes): the floor costs ~100 us of client CPU and ~150 us of PostgreSQL CPU per step;
 * the single all-parts statement cost ~350 us client and ~540 us PostgreSQL. About a third of
 * that server time went to the parts with nothing to write: every CTE of a cached plan is still
 * initialised and run, its table and indexes opened and locked (30 relations a step, past the 16
 * fast-path lock slots), its empty jsonb parsed. Kept: statements per shape (only the parts with
 * rows): PostgreSQL CPU per step -15-25% (645/533/492 -> 459/406/434 us in alternating runs), bench
 * ratio at 16 clients 0.31/0.30/0.33x -> 0.37/0.40/0.35x, at 1 client 0.63/0.62/0.65x ->
 * 0.66/0.68/0.70x (three alternating runs each on a quiet machine).
 * Then on the client, FEEL: feelin parses every expression at every evaluation (~1/3 of the
 * engine's JavaScript time); variables and `variable = literal` conditions now skip it
 * (engine/expressions/feel-fast-path.ts): 0.66-0.70x -> 0.71-0.82x at 1 client, 0.35-0.40x ->
 * 0.41-0.52x at 16. What remains: other FEEL expressions (a parse cache must key on the context's
 * names, as feelin's parser reads them, and feelin exposes no interpreter to reuse); on the server, the rows themselves (events with two indexes each, task/timer/subscription
 * inserts with their queue indexes, the state document and its `variables` copy) and, for service
 * tasks, the job claim as a second round trip and commit.
 */

/**
 * The parts of the step statement. `p(key, cast)` names a parameter; numbers are assigned per
 * statement in order of use, so each shape of step only binds the parameters its parts read.
 */
type Param = (key: keyof StepParams, cast: string) => string;

interface StepParams {
  id: string; definitionId: string; key: string; version: number; parentId: string | null; businessKey: string | null;
  status: string; state: string; variables: string; now: Date; rev: number | null;
  tokensGone: string[]; tokensPut: string; tasksNew: string; tasksDone: string[]; tasksCancelled: string[];
  timersNew: string; timersGone: string[]; jobsNew: string; jobsGone: string[]; subsNew: string; subsGone: string[]; events: string;
}

const UPDATE_U = (p: Param) => `u as (
  update instances
  set status = ${p('status', 'text')}, state = ${p('state', 'jsonb')}, variables = ${p('variables', 'jsonb')}, rev = rev + 1, updated_at = ${p('now', 'timestamptz')},
      ended_at = case when ${p('status', 'text')} in ('completed', 'terminated') then ${p('now', 'timestamptz')} else null end
  where id = ${p('id', 'uuid')} and rev = ${p('rev', 'integer')}
  returning id
)`;

const INSERT_U = (p: Param) => `u as (
  insert into instances (id, definition_id, key, version, business_key, parent_instance_id, status, state, variables, rev, started_at, updated_at, ended_at)
  values (${p('id', 'uuid')}, ${p('definitionId', 'uuid')}, ${p('key', 'text')}, ${p('version', 'integer')}, ${p('businessKey', 'text')}, ${p('parentId', 'uuid')}, ${p('status', 'text')}, ${p('state', 'jsonb')}, ${p('variables', 'jsonb')}, 1, ${p('now', 'timestamptz')}, ${p('now', 'timestamptz')}, case when ${p('status', 'text')} in ('completed', 'terminated') then ${p('now', 'timestamptz')} else null end)
  returning id
)`;

/** Each part writes one table and runs only when the step has rows for it (bit = its place here). */
const PARTS: Array<{ when: (v: StepParams) => boolean; sql: (p: Param) => string }> = [
  { when: (v) => v.tokensGone.length > 0, sql: (p) => `tok_del as (
  delete from tokens t using u
  where t.instance_id = u.id and t.token_id = any(${p('tokensGone', 'text[]')})
)` },
  { when: (v) => v.tokensPut !== '[]', sql: (p) => `tok_put as (
  insert into tokens (instance_id, token_id, element_id, scope_id, wait_kind)
  select u.id, x.token_id, x.element_id, x.scope_id, x.wait_kind
  from u, jsonb_to_recordset(${p('tokensPut', 'jsonb')}) as x(token_id text, element_id text, scope_id text, wait_kind text)
  on conflict (instance_id, token_id) do update
    set element_id = excluded.element_id, scope_id = excluded.scope_id, wait_kind = excluded.wait_kind
)` },
  { when: (v) => v.tasksNew !== '[]', sql: (p) => `task_new as (
  insert into tasks (id, instance_id, element_id, name, token_id, candidate_groups, candidate_users, assignee, form_key, due, follow_up, loop_index, created_at)
  select x.id, u.id, x."elementId", x.name, x."tokenId", x."candidateGroups", x."candidateUsers", x.assignee, x."formKey", x.due, x."followUp", x."loopIndex", ${p('now', 'timestamptz')}
  from u, jsonb_to_recordset(${p('tasksNew', 'jsonb')}) as x(id uuid, "elementId" text, name text, "tokenId" text, "candidateGroups" text[], "candidateUsers" text[], assignee text, "formKey" text, due timestamptz, "followUp" timestamptz, "loopIndex" integer)
)` },
  { when: (v) => v.tasksDone.length + v.tasksCancelled.length > 0, sql: (p) => `task_close as (
  delete from tasks t using u
  where t.id = any(${p('tasksDone', 'uuid[]')} || ${p('tasksCancelled', 'uuid[]')})
  returning t.id, t.instance_id, t.element_id
),
task_closed as (
  insert into closed_tasks (id, instance_id, element_id, status, closed_at)
  select c.id, c.instance_id, c.element_id, case when c.id = any(${p('tasksDone', 'uuid[]')}) then 'completed' else 'cancelled' end, ${p('now', 'timestamptz')}
  from task_close c
)` },
  { when: (v) => v.timersNew !== '[]', sql: (p) => `timer_new as (
  insert into timers (id, instance_id, element_id, token_id, scope_id, due_at, repeat)
  select x.id, u.id, x."elementId", x."tokenId", x."scopeId", x."dueAt", x.repeat
  from u, jsonb_to_recordset(${p('timersNew', 'jsonb')}) as x(id uuid, "elementId" text, "tokenId" text, "scopeId" text, "dueAt" timestamptz, repeat jsonb)
)` },
  { when: (v) => v.timersGone.length > 0, sql: (p) => `timer_del as (
  delete from timers t using u where t.id = any(${p('timersGone', 'uuid[]')})
)` },
  { when: (v) => v.jobsNew !== '[]', sql: (p) => `job_new as (
  insert into jobs (id, instance_id, element_id, token_id, handler, payload, run_at, retries_left)
  select x.id, u.id, x."elementId", x."tokenId", x.handler, x.payload, x."runAt", x.retries
  from u, jsonb_to_recordset(${p('jobsNew', 'jsonb')}) as x(id uuid, "elementId" text, "tokenId" text, handler text, payload jsonb, "runAt" timestamptz, retries integer)
)` },
  { when: (v) => v.jobsGone.length > 0, sql: (p) => `job_del as (
  delete from jobs j using u where j.id = any(${p('jobsGone', 'uuid[]')})
)` },
  { when: (v) => v.subsNew !== '[]', sql: (p) => `sub_new as (
  insert into subscriptions (id, instance_id, message_name, business_key, element_id, token_id, scope_id, correlation_key)
  select x.id, u.id, x."messageName", ${p('businessKey', 'text')}, x."elementId", x."tokenId", x."scopeId", x."correlationKey"
  from u, jsonb_to_recordset(${p('subsNew', 'jsonb')}) as x(id uuid, "messageName" text, "elementId" text, "tokenId" text, "scopeId" text, "correlationKey" text)
)` },
  { when: (v) => v.subsGone.length > 0, sql: (p) => `sub_del as (
  delete from subscriptions s using u where s.id = any(${p('subsGone', 'uuid[]')})
)` },
  { when: (v) => v.events !== '[]', sql: (p) => `ev as (
  insert into events (instance_id, type, element_id, data, at)
  select u.id, x.e ->> 'type', x.e ->> 'elementId', x.e -> 'data', ${p('now', 'timestamptz')}
  from u, jsonb_array_elements(${p('events', 'jsonb')}) with ordinality as x(e, n)
  order by x.n
)` },
];

interface Statement { name: string; text: string; keys: Array<keyof StepParams> }
const statements = new Map<number, Statement>();

/** The statement for one shape of step (new or not, which parts have rows), built once. */
function statementFor(isNew: boolean, mask: number): Statement {
  const shape = mask * 2 + (isNew ? 1 : 0);
  let statement = statements.get(shape);
  if (!statement) {
    const keys: Array<keyof StepParams> = [];
    const p: Param = (key, cast) => {
      let i = keys.indexOf(key);
      if (i < 0) i = keys.push(key) - 1;
      return `$${i + 1}::${cast}`;
    };
    const ctes = [(isNew ? INSERT_U : UPDATE_U)(p), ...PARTS.filter((_, i) => (mask & (1 << i)) !== 0).map((part) => part.sql(p))];
    statement = { name: `dosar_step_${isNew ? 'i' : 'u'}${mask}`, text: `with ${ctes.join(',\n')}\nselect count(*)::int as applied from u`, keys };
    statements.set(shape, statement);
  }
  return statement;
}

export async function applyStep(db: Database, write: StepWrite): Promise<boolean> {
  const previous = write.previous;
  const e = splitEffects(write.effects);
  const tokens = diffTokens(previous?.tokens ?? [], write.state.tokens);
  const root = write.state.scopes.find((s) => s.kind === 'process');
  const isNew = write.expectedRev === null;
  const values: StepParams = {
    id: write.instanceId,
    definitionId: write.definitionId,
    key: write.key,
    version: write.version,
    parentId: write.parentInstanceId ?? null,
    businessKey: write.businessKey ?? null,
    status: write.state.status,
    state: JSON.stringify(write.state),
    variables: JSON.stringify(root?.variables ?? {}),
    now: write.now,
    rev: isNew ? null : write.expectedRev,
    tokensGone: tokens.removed,
    tokensPut: JSON.stringify(tokens.put),
    tasksNew: JSON.stringify(e.tasksNew),
    tasksDone: e.tasksClosed.filter((c) => c.outcome === 'completed').map((c) => c.id),
    tasksCancelled: e.tasksClosed.filter((c) => c.outcome !== 'completed').map((c) => c.id),
    timersNew: JSON.stringify(e.timersNew),
    timersGone: e.timersGone,
    jobsNew: JSON.stringify(e.jobsNew),
    jobsGone: e.jobsGone,
    subsNew: JSON.stringify(e.subsNew),
    subsGone: e.subsGone,
    events: JSON.stringify(e.events),
  };
  let mask = 0;
  PARTS.forEach((part, i) => { if (part.when(values)) mask |= 1 << i; });
  const statement = statementFor(isNew, mask);
  const [row] = await db.query<{ applied: number }>(statement.text, statement.keys.map((k) => values[k]), statement.name);
  return row?.applied === 1;
}

function diffTokens(before: Token[], after: Token[]) {
  const old = new Map(before.map((t) => [t.id, t]));
  const now = new Set(after.map((t) => t.id));
  return {
    removed: before.filter((t) => !now.has(t.id)).map((t) => t.id),
    put: after
      .filter((t) => {
        const prev = old.get(t.id);
        return !prev || prev.elementId !== t.elementId || prev.scopeId !== t.scopeId || prev.wait?.kind !== t.wait?.kind;
      })
      .map((t) => ({ token_id: t.id, element_id: t.elementId, scope_id: t.scopeId, wait_kind: t.wait?.kind ?? null })),
  };
}

/**
 * Groups effects by table. Something created and removed in the same step never reaches the
 * database: one statement cannot insert a row and then update or delete it.
 */
export function splitEffects(effects: Effect[]) {
  const created = new Set<string>();
  for (const e of effects) {
    if (e.type === 'task.create') created.add(e.task.id);
    else if (e.type === 'timer.schedule') created.add(e.timer.id);
    else if (e.type === 'job.enqueue') created.add(e.job.id);
    else if (e.type === 'subscription.open') created.add(e.subscription.id);
  }
  const dropped = new Set<string>();
  for (const e of effects) {
    const id = e.type === 'task.close' ? e.taskId : e.type === 'timer.cancel' ? e.timerId : e.type === 'job.cancel' ? e.jobId : e.type === 'subscription.close' ? e.subscriptionId : undefined;
    if (id && created.has(id)) dropped.add(id);
  }
  const out = {
    tasksNew: [] as unknown[], tasksClosed: [] as Array<{ id: string; outcome: string }>,
    timersNew: [] as unknown[], timersGone: [] as string[],
    jobsNew: [] as unknown[], jobsGone: [] as string[],
    subsNew: [] as unknown[], subsGone: [] as string[],
    events: [] as unknown[],
  };
  for (const e of effects) {
    switch (e.type) {
      case 'task.create': if (!dropped.has(e.task.id)) out.tasksNew.push(e.task); break;
      case 'task.close': if (!dropped.has(e.taskId)) out.tasksClosed.push({ id: e.taskId, outcome: e.outcome }); break;
      case 'timer.schedule': if (!dropped.has(e.timer.id)) out.timersNew.push(e.timer); break;
      case 'timer.cancel': if (!dropped.has(e.timerId)) out.timersGone.push(e.timerId); break;
      case 'job.enqueue': if (!dropped.has(e.job.id)) out.jobsNew.push(e.job); break;
      case 'job.cancel': if (!dropped.has(e.jobId)) out.jobsGone.push(e.jobId); break;
      case 'subscription.open': if (!dropped.has(e.subscription.id)) out.subsNew.push(e.subscription); break;
      case 'subscription.close': if (!dropped.has(e.subscriptionId)) out.subsGone.push(e.subscriptionId); break;
      case 'event.append': out.events.push(e.event); break;
      default: break;
    }
  }
  return out;
}
