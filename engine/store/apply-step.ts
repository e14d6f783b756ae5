import type { Effect, Token } from '../core/types.ts';
import type { StepWrite } from '../ports.ts';
import type { Database } from './database.ts';

/**
 * Persists steps in ONE statement: a data-modifying CTE in which every instance write is guarded by
 * its revision and every other row hangs off the instance writes that succeeded (`u`), so a
 * step with a stale revision writes nothing at all while the others in the statement commit. Rows
 * travel as one jsonb array per table; the statement holds only the parts with rows, one fixed
 * text (and one named prepared statement) per shape. Several steps of different instances share a
 * statement when they arrive together (engine/store/step-batcher.ts): one commit, one WAL flush
 * and one set of opened tables and indexes for all of them.
 *
 * Why it is built this way (statements per shape, no foreign-key checks, closed_tasks, one event
 * row per step), with the measurements behind each choice: engine/store/README.md.
 */

type Param = (key: keyof BatchParams, cast: string) => string;

/**
 * The `variables` column (the root scope's variables, queryable in SQL) is taken from the state
 * document, where the root scope comes first; it travels on its own only otherwise, so form data
 * is not sent and parsed twice.
 */
const VARIABLES = `coalesce(x.variables, x.state -> 'scopes' -> 0 -> 'variables', '{}'::jsonb)`;

/** Rows to insert travel as jsonb arrays; rows to delete as id arrays (index scans in any generic plan). */
interface BatchParams {
  inserted: unknown[]; updated: unknown[]; updatedIds: string[];
  tokensGone: string[]; tokensPut: unknown[]; tasksNew: unknown[]; tasksDone: string[]; tasksCancelled: string[];
  timersNew: unknown[]; timersGone: string[]; jobsNew: unknown[]; jobsGone: string[]; subsNew: unknown[]; subsGone: string[]; events: unknown[];
}

/**
 * The guard on every row: its instance's write went through. An array computed once per part, not
 * a join: a join plans a hash table per part (~0.3 ms for a lone step) and, in a generic plan made
 * while a table was small, can stay a sequential scan.
 */
const APPLIED = (column: string) => `${column} = any(array(select id from u))`;

/** Each part writes one table and runs only when the batch has rows for it (bit = its place here). */
const PARTS: Array<{ keys: Array<keyof BatchParams>; sql: (p: Param) => string }> = [
  { keys: ['inserted'], sql: (p) => `ins as (
  insert into instances (id, definition_id, key, version, business_key, parent_instance_id, status, state, variables, rev, started_at, updated_at, ended_at)
  select x.id, x.definition_id, x.key, x.version, x.business_key, x.parent_id, x.status, x.state, ${VARIABLES}, 1, x.now, x.now, case when x.status in ('completed', 'terminated') then x.now end
  from jsonb_to_recordset(${p('inserted', 'jsonb')}) as x(id uuid, definition_id uuid, key text, version integer, business_key text, parent_id uuid, status text, state jsonb, variables jsonb, now timestamptz)
  returning id, updated_at as now
)` },
  { keys: ['updated'], sql: (p) => `upd as (
  update instances i
  set status = x.status, state = x.state, variables = ${VARIABLES}, rev = i.rev + 1, updated_at = x.now,
      ended_at = case when x.status in ('completed', 'terminated') then x.now end
  from jsonb_to_recordset(${p('updated', 'jsonb')}) as x(id uuid, rev integer, status text, state jsonb, variables jsonb, now timestamptz)
  where i.id = any(${p('updatedIds', 'uuid[]')}) and i.id = x.id and i.rev = x.rev
  returning i.id, i.updated_at as now
)` },
  { keys: ['tokensGone'], sql: (p) => `tok_del as (
  delete from tokens t
  where ${APPLIED('t.instance_id')} and t.instance_id::text || '/' || t.token_id = any(${p('tokensGone', 'text[]')})
)` },
  { keys: ['tokensPut'], sql: (p) => `tok_put as (
  insert into tokens (instance_id, token_id, element_id, scope_id, wait_kind)
  select x.i, x.token_id, x.element_id, x.scope_id, x.wait_kind
  from jsonb_to_recordset(${p('tokensPut', 'jsonb')}) as x(i uuid, token_id text, element_id text, scope_id text, wait_kind text)
  where ${APPLIED('x.i')}
  on conflict (instance_id, token_id) do update
    set element_id = excluded.element_id, scope_id = excluded.scope_id, wait_kind = excluded.wait_kind
)` },
  { keys: ['tasksNew'], sql: (p) => `task_new as (
  insert into tasks (id, instance_id, element_id, name, token_id, candidate_groups, candidate_users, assignee, form_key, due, follow_up, loop_index, created_at)
  select x.id, x.i, x."elementId", x.name, x."tokenId", x."candidateGroups", x."candidateUsers", x.assignee, x."formKey", x.due, x."followUp", x."loopIndex", x.now
  from jsonb_to_recordset(${p('tasksNew', 'jsonb')}) as x(i uuid, now timestamptz, id uuid, "elementId" text, name text, "tokenId" text, "candidateGroups" text[], "candidateUsers" text[], assignee text, "formKey" text, due timestamptz, "followUp" timestamptz, "loopIndex" integer)
  where ${APPLIED('x.i')}
)` },
  { keys: ['tasksDone', 'tasksCancelled'], sql: (p) => `task_close as (
  delete from tasks t
  where t.id = any(${p('tasksDone', 'uuid[]')} || ${p('tasksCancelled', 'uuid[]')}) and ${APPLIED('t.instance_id')}
  returning t.id, t.instance_id, t.element_id
),
task_closed as (
  insert into closed_tasks (id, instance_id, element_id, status, closed_at)
  select c.id, c.instance_id, c.element_id, case when c.id = any(${p('tasksDone', 'uuid[]')}) then 'completed' else 'cancelled' end,
         (select u.now from u where u.id = c.instance_id)
  from task_close c
)` },
  { keys: ['timersNew'], sql: (p) => `timer_new as (
  insert into timers (id, instance_id, element_id, token_id, scope_id, due_at, repeat)
  select x.id, x.i, x."elementId", x."tokenId", x."scopeId", x."dueAt", x.repeat
  from jsonb_to_recordset(${p('timersNew', 'jsonb')}) as x(i uuid, id uuid, "elementId" text, "tokenId" text, "scopeId" text, "dueAt" timestamptz, repeat jsonb)
  where ${APPLIED('x.i')}
)` },
  { keys: ['timersGone'], sql: (p) => `timer_del as (
  delete from timers t where t.id = any(${p('timersGone', 'uuid[]')}) and ${APPLIED('t.instance_id')}
)` },
  { keys: ['jobsNew'], sql: (p) => `job_new as (
  insert into jobs (id, instance_id, element_id, token_id, handler, payload, run_at, retries_left, locked_by, locked_until, attempts)
  select x.id, x.i, x."elementId", x."tokenId", x.handler, x.payload, x."runAt", x.retries, x."lockedBy", x."lockedUntil", coalesce(x.attempts, 0)
  from jsonb_to_recordset(${p('jobsNew', 'jsonb')}) as x(i uuid, id uuid, "elementId" text, "tokenId" text, handler text, payload jsonb, "runAt" timestamptz, retries integer, "lockedBy" text, "lockedUntil" timestamptz, attempts integer)
  where ${APPLIED('x.i')}
)` },
  { keys: ['jobsGone'], sql: (p) => `job_del as (
  delete from jobs j where j.id = any(${p('jobsGone', 'uuid[]')}) and ${APPLIED('j.instance_id')}
)` },
  { keys: ['subsNew'], sql: (p) => `sub_new as (
  insert into subscriptions (id, instance_id, message_name, business_key, element_id, token_id, scope_id, correlation_key, kind)
  select x.id, x.i, x."messageName", x.bk, x."elementId", x."tokenId", x."scopeId", x."correlationKey", coalesce(x.kind, 'message')
  from jsonb_to_recordset(${p('subsNew', 'jsonb')}) as x(i uuid, bk text, id uuid, "messageName" text, "elementId" text, "tokenId" text, "scopeId" text, "correlationKey" text, kind text)
  where ${APPLIED('x.i')}
)` },
  { keys: ['subsGone'], sql: (p) => `sub_del as (
  delete from subscriptions s where s.id = any(${p('subsGone', 'uuid[]')}) and ${APPLIED('s.instance_id')}
)` },
  { keys: ['events'], sql: (p) => `ev as (
  insert into events (instance_id, items, at)
  select x.i, x.items, x.at from jsonb_to_recordset(${p('events', 'jsonb')}) as x(i uuid, items jsonb, at timestamptz)
  where ${APPLIED('x.i')}
)` },
];

interface Statement { name: string; text: string; keys: Array<keyof BatchParams> }
const statements = new Map<number, Statement>();

/** The statement for one shape of batch (which parts have rows), built once. */
function statementFor(mask: number): Statement {
  let statement = statements.get(mask);
  if (!statement) {
    const keys: Array<keyof BatchParams> = [];
    const p: Param = (key, cast) => {
      let i = keys.indexOf(key);
      if (i < 0) i = keys.push(key) - 1;
      return `$${i + 1}::${cast}`;
    };
    const has = (i: number) => (mask & (1 << i)) !== 0;
    const writes = [has(0) ? 'select id, now from ins' : '', has(1) ? 'select id, now from upd' : ''].filter(Boolean).join(' union all ');
    const ctes = [
      ...PARTS.slice(0, 2).filter((_, i) => has(i)).map((part) => part.sql(p)),
      `u as (${writes})`,
      ...PARTS.slice(2).filter((_, i) => has(i + 2)).map((part) => part.sql(p)),
    ];
    statement = { name: `dosar_steps_${mask}`, text: `with ${ctes.join(',\n')}\nselect id::text from u`, keys };
    statements.set(mask, statement);
  }
  return statement;
}

/** Persists one step; false when its revision is stale (nothing written). */
export async function applyStep(db: Database, write: StepWrite): Promise<boolean> {
  return (await applySteps(db, [write])).has(write.instanceId);
}

/**
 * Persists steps of distinct instances in one statement; returns the instances whose steps were
 * written (the others had a stale revision and wrote nothing).
 */
export async function applySteps(db: Database, writes: StepWrite[]): Promise<Set<string>> {
  const rows: BatchParams = {
    inserted: [], updated: [], updatedIds: [], tokensGone: [], tokensPut: [], tasksNew: [], tasksDone: [], tasksCancelled: [],
    timersNew: [], timersGone: [], jobsNew: [], jobsGone: [], subsNew: [], subsGone: [], events: [],
  };
  for (const write of writes) addStep(rows, write);
  let mask = 0;
  PARTS.forEach((part, i) => { if (part.keys.some((k) => rows[k].length > 0)) mask |= 1 << i; });
  const statement = statementFor(mask);
  const values = statement.keys.map((k) => (JSONB.has(k) ? JSON.stringify(rows[k]) : rows[k]));
  const applied = await db.hotQuery<{ id: string }>(statement.text, values, statement.name);
  return new Set(applied.map((r) => r.id));
}

const JSONB = new Set<keyof BatchParams>(['inserted', 'updated', 'tokensPut', 'tasksNew', 'timersNew', 'jobsNew', 'subsNew', 'events']);

function addStep(rows: BatchParams, write: StepWrite): void {
  const i = write.instanceId;
  const now = write.now;
  const root = write.state.scopes.find((s) => s.kind === 'process');
  const instance = { id: i, status: write.state.status, state: write.state, ...(root && root !== write.state.scopes[0] ? { variables: root.variables } : {}), now };
  if (write.expectedRev === null) {
    rows.inserted.push({ ...instance, definition_id: write.definitionId, key: write.key, version: write.version, business_key: write.businessKey ?? null, parent_id: write.parentInstanceId ?? null });
  } else {
    rows.updated.push({ ...instance, rev: write.expectedRev });
    rows.updatedIds.push(i);
  }
  const tokens = diffTokens(write.previous?.tokens ?? [], write.state.tokens);
  for (const tokenId of tokens.removed) rows.tokensGone.push(`${i}/${tokenId}`);
  for (const t of tokens.put) rows.tokensPut.push({ i, ...t });
  const e = splitEffects(write.effects);
  for (const task of e.tasksNew) rows.tasksNew.push({ i, now, ...task });
  for (const c of e.tasksClosed) (c.outcome === 'completed' ? rows.tasksDone : rows.tasksCancelled).push(c.id);
  for (const timer of e.timersNew) rows.timersNew.push({ i, ...timer });
  rows.timersGone.push(...e.timersGone);
  const lease = write.jobLease;
  for (const job of e.jobsNew) {
    rows.jobsNew.push(lease?.jobIds.includes(job.id) ? { i, ...job, lockedBy: lease.workerId, lockedUntil: lease.until, attempts: 1 } : { i, ...job });
  }
  rows.jobsGone.push(...e.jobsGone);
  for (const sub of e.subsNew) rows.subsNew.push({ i, bk: write.businessKey ?? null, ...sub });
  rows.subsGone.push(...e.subsGone);
  if (e.events.length > 0) rows.events.push({ i, at: now, items: e.events });
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
    tasksNew: [] as Array<Extract<Effect, { type: 'task.create' }>['task']>, tasksClosed: [] as Array<{ id: string; outcome: string }>,
    timersNew: [] as Array<Extract<Effect, { type: 'timer.schedule' }>['timer']>, timersGone: [] as string[],
    jobsNew: [] as Array<Extract<Effect, { type: 'job.enqueue' }>['job']>, jobsGone: [] as string[],
    subsNew: [] as Array<Extract<Effect, { type: 'subscription.open' }>['subscription']>, subsGone: [] as string[],
    events: [] as Array<Extract<Effect, { type: 'event.append' }>['event']>,
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
