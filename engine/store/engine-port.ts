import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { SubscriptionRecord, TimerRecord } from '../core/types.ts';
import type { Definition, DeployedDefinition } from '../model/definition.ts';
import type { CalendarDay, ClaimedJob, EnginePort, EventView, StepWrite, TaskView } from '../ports.ts';
import { applyStep, applySteps } from './apply-step.ts';
import { signalStore } from './signal-store.ts';
import { getLatestDecision, insertDecisions } from './decision-store.ts';
import { groupCommit } from './group-commit.ts';
import { createStepBatcher } from './step-batcher.ts';
import { batchedLookup } from './read-batcher.ts';
import { findTaskInstance, findTaskInstances, loadInstanceRow, loadInstanceRows, toInstance, type InstanceRow } from './instance-rows.ts';
import type { Database } from './database.ts';

/** The engine's storage port in SQL. Rows are mapped to domain objects here and never leave. */

interface DefinitionRow { id: string; key: string; version: number; compiled: Definition }
interface TimerRow { id: string; instance_id: string | null; definition_id: string | null; element_id: string; token_id: string | null; scope_id: string | null; due_at: Date; repeat: TimerRecord['repeat'] | null }
interface JobRow { id: string; instance_id: string; element_id: string; token_id: string; handler: string; payload: never; run_at: Date; retries_left: number; attempts: number }
interface TaskRow { id: string; instance_id: string; element_id: string; name: string | null; candidate_groups: string[]; assignee: string | null; due: Date | null }
interface SubscriptionRow { id: string; instance_id: string | null; definition_id: string | null; message_name: string; element_id: string; token_id: string | null; scope_id: string | null; correlation_key: string | null }

const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

function toDefinition(row: DefinitionRow): DeployedDefinition {
  return { id: row.id, key: row.key, version: row.version, definition: row.compiled };
}


function toTimer(row: TimerRow): TimerRecord & { instanceId?: string; definitionId?: string } {
  return {
    id: row.id,
    elementId: row.element_id,
    dueAt: iso(row.due_at),
    ...(row.token_id ? { tokenId: row.token_id } : {}),
    ...(row.scope_id ? { scopeId: row.scope_id } : {}),
    ...(row.repeat ? { repeat: row.repeat } : {}),
    ...(row.instance_id ? { instanceId: row.instance_id } : {}),
    ...(row.definition_id ? { definitionId: row.definition_id } : {}),
  };
}

function toSubscription(row: SubscriptionRow): SubscriptionRecord & { instanceId?: string; definitionId?: string } {
  return {
    id: row.id,
    messageName: row.message_name,
    elementId: row.element_id,
    ...(row.token_id ? { tokenId: row.token_id } : {}),
    ...(row.scope_id ? { scopeId: row.scope_id } : {}),
    ...(row.correlation_key ? { correlationKey: row.correlation_key } : {}),
    ...(row.instance_id ? { instanceId: row.instance_id } : {}),
    ...(row.definition_id ? { definitionId: row.definition_id } : {}),
  };
}

const DEFINITION_COLUMNS = 'id, key, version, compiled';

/** The `items` of an event row holding one event (a step's row holds all of the step's events). */
function eventItems(event: { type: string; elementId?: string | null; data?: unknown }): string {
  return JSON.stringify([event]);
}

type ClaimRequest = Parameters<EnginePort['claimJobs']>[0];

async function claimJobs(db: Database, { now, limit, workerId, leaseMs }: ClaimRequest): Promise<ClaimedJob[]> {
  const rows = await db.hotQuery<JobRow>(
    `update jobs set locked_by = $3, locked_until = $1::timestamptz + make_interval(secs => $4::double precision / 1000), attempts = attempts + 1
     where id in (
       select id from jobs
       where status = 'ready' and run_at <= $1 and (locked_until is null or locked_until < $1)
       order by run_at limit $2 for update skip locked)
     returning id, instance_id, element_id, token_id, handler, payload, run_at, retries_left, attempts`,
    [now, limit, workerId, leaseMs],
    'dosar_claim_jobs',
  );
  return rows.map((r): ClaimedJob => ({
    id: r.id, instanceId: r.instance_id, elementId: r.element_id, tokenId: r.token_id, handler: r.handler,
    payload: r.payload, runAt: iso(r.run_at), retries: r.retries_left, attempts: r.attempts,
  }));
}

/**
 * Concurrent claims of one worker share a statement: one claim of their summed limits, shared out
 * in order. It claims what is due by the latest of their `now`s, a moment every caller has reached
 * by the time the statement runs.
 */
function claimJobsTogether(db: Database): (request: ClaimRequest) => Promise<ClaimedJob[]> {
  return groupCommit(async (requests: ClaimRequest[]) => {
    const first = requests[0]!;
    if (requests.some((r) => r.workerId !== first.workerId || r.leaseMs !== first.leaseMs)) {
      const separate: ClaimedJob[][] = [];
      for (const r of requests) separate.push(await claimJobs(db, r));
      return separate;
    }
    const now = new Date(Math.max(...requests.map((r) => r.now.getTime())));
    const jobs = await claimJobs(db, { ...first, now, limit: requests.reduce((sum, r) => sum + r.limit, 0) });
    let next = 0;
    return requests.map((r) => jobs.slice(next, (next += r.limit)));
  });
}

export function createEnginePort(db: Database): EnginePort {
  // Inside a caller's transaction a step must join it; outside, concurrent steps and claims share statements.
  const writeStep = db.inTransaction ? (write: StepWrite) => applyStep(db, write) : createStepBatcher(db);
  const claim = db.inTransaction ? (request: ClaimRequest) => claimJobs(db, request) : claimJobsTogether(db);
  // Outside a transaction, lookups of uncached instances and of tasks' instances share queries too.
  const loadInstance = db.inTransaction ? (id: string) => loadInstanceRow(db, id) : batchedLookup((ids) => loadInstanceRows(db, ids));
  const instanceOfTask = db.inTransaction ? (taskId: string) => findTaskInstance(db, taskId) : batchedLookup((ids) => findTaskInstances(db, ids));
  const port: EnginePort = {
    transaction: (fn) => db.transaction((tx) => fn(createEnginePort(tx))),
    afterCommit: (fn) => db.afterCommit(fn),
    ...signalStore(db),

    async insertDefinitions(items, now) {
      const deployed: DeployedDefinition[] = [];
      for (const item of items) {
        // Concurrent deploys of one key queue here instead of colliding on the version.
        await db.query('select pg_advisory_xact_lock(hashtext($1))', [`dosar-deploy-${item.key}`]);
        const [row] = await db.query<DefinitionRow>(
          `insert into definitions (id, key, version, name, xml, compiled, deployed_at, deployed_by)
           select $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5::jsonb, $6, $7 from definitions where key = $2
           returning ${DEFINITION_COLUMNS}`,
          [randomUUID(), item.key, item.definition.name ?? null, item.xml, JSON.stringify(item.definition), now, item.deployedBy ?? null],
        );
        deployed.push(toDefinition(row!));
      }
      return deployed;
    },

    async getDefinition(id) {
      const [row] = await db.query<DefinitionRow>(`select ${DEFINITION_COLUMNS} from definitions where id = $1`, [id], 'dosar_definition');
      return row ? toDefinition(row) : undefined;
    },

    async getLatestDefinition(key) {
      const [row] = await db.query<DefinitionRow>(`select ${DEFINITION_COLUMNS} from definitions where key = $1 order by version desc limit 1`, [key]);
      return row ? toDefinition(row) : undefined;
    },

    async getDefinitionVersion(key, version) {
      const [row] = await db.query<DefinitionRow>(`select ${DEFINITION_COLUMNS} from definitions where key = $1 and version = $2`, [key, version]);
      return row ? toDefinition(row) : undefined;
    },

    async listLatestWithConditionalStarts() {
      const rows = await db.query<DefinitionRow>(
        `select ${DEFINITION_COLUMNS} from (select distinct on (key) * from definitions order by key, version desc) latest
         where jsonb_path_exists(compiled, '$.elements.* ? (@.type == "startEvent" && @.event.kind == "conditional")') order by key`,
      );
      return rows.map(toDefinition);
    },

    insertDecisions: (items, now) => insertDecisions(db, items, now),
    getLatestDecision: (key) => getLatestDecision(db, key),

    loadInstance: (id) => loadInstance(id),

    async loadInstances(ids) {
      const rows = await db.query<InstanceRow>('select id, definition_id, key, version, business_key, state, rev from instances where id = any($1::uuid[])', [ids]);
      return rows.map(toInstance);
    },

    findInstanceIdByTask: (taskId) => instanceOfTask(taskId),

    async findSubscriptions({ messageName, instanceId, businessKey }) {
      const rows = instanceId
        ? await db.query<SubscriptionRow>(`select * from subscriptions where message_name = $1 and instance_id = $2 and kind = 'message'`, [messageName, instanceId])
        : await db.query<SubscriptionRow>(
          `select * from subscriptions where message_name = $1 and (business_key = $2 or correlation_key = $2) and instance_id is not null and kind = 'message'
           union all
           select * from subscriptions where message_name = $1 and definition_id is not null and kind = 'message'`,
          [messageName, businessKey ?? null],
        );
      return rows.map(toSubscription);
    },

    async findInstanceSubscriptions(messageName, instanceIds) {
      const rows = await db.query<SubscriptionRow>(`select * from subscriptions where message_name = $1 and instance_id = any($2::uuid[]) and kind = 'message'`, [messageName, instanceIds]);
      return rows.map(toSubscription);
    },

    applyStep: writeStep,
    applySteps: (writes) => applySteps(db, writes),

    async migrateInstance({ instanceId, expectedRev, definitionId, version, state, elementMap, now }) {
      return db.transaction(async (tx) => {
        const updated = await tx.query('update instances set definition_id = $2, version = $3, state = $4::jsonb, rev = rev + 1 where id = $1 and rev = $5 returning id', [instanceId, definitionId, version, JSON.stringify(state), expectedRev]);
        if (updated.length === 0) return false;
        const map = JSON.stringify(elementMap);
        for (const table of ['tokens', 'tasks', 'closed_tasks', 'timers', 'jobs', 'subscriptions']) {
          await tx.query(`update ${table} t set element_id = coalesce($2::jsonb ->> t.element_id, t.element_id) where t.instance_id = $1`, [instanceId, map]);
        }
        await tx.query('insert into events (instance_id, items, at) values ($1, $2, $3)', [instanceId, eventItems({ type: 'instance.migrated', data: { version, elementMap } }), now]);
        return true;
      });
    },

    async replaceStartEvents(key, definitionId, timers, subscriptions) {
      await db.query('delete from timers where instance_id is null and definition_id in (select id from definitions where key = $1)', [key]);
      await db.query('delete from subscriptions where instance_id is null and definition_id in (select id from definitions where key = $1)', [key]);
      for (const t of timers) await port.insertStartEventTimer({ ...t, definitionId });
      for (const s of subscriptions) {
        await db.query('insert into subscriptions (id, definition_id, message_name, element_id, kind) values ($1, $2, $3, $4, $5)', [s.id, definitionId, s.messageName, s.elementId, s.kind ?? 'message']);
      }
    },

    async claimDueTimers(now, limit) {
      const rows = await db.query<TimerRow>('select * from timers where due_at <= $1 order by due_at limit $2 for update skip locked', [now, limit], 'dosar_claim_timers');
      return rows.map(toTimer);
    },

    async deleteTimer(id) {
      await db.query('delete from timers where id = $1', [id]);
    },

    async insertStartEventTimer(t) {
      await db.query('insert into timers (id, definition_id, element_id, due_at, repeat) values ($1, $2, $3, $4, $5::jsonb)', [t.id, t.definitionId, t.elementId, t.dueAt, t.repeat ? JSON.stringify(t.repeat) : null]);
    },

    claimJobs: claim,

    async failJob({ jobId, workerId, error, now, backoffBaseMs, retryAt }) {
      const [row] = await db.query<{ status: string }>(
        `update jobs set retries_left = retries_left - 1, last_error = $3, locked_by = null, locked_until = null,
           run_at = coalesce($6::timestamptz, $4::timestamptz + make_interval(secs => $5::double precision * power(2, greatest(attempts - 1, 0)) / 1000)),
           status = case when retries_left - 1 <= 0 then 'incident' else 'ready' end
         where id = $1 and locked_by = $2
         returning status`,
        [jobId, workerId, error.slice(0, 4000), now, backoffBaseMs, retryAt ?? null],
      );
      return { exhausted: row?.status === 'incident' };
    },

    async retryJob(jobId, retries, now) {
      // Only a failed job: one already retried may be running under another worker's lease.
      const rows = await db.query("update jobs set status = 'ready', retries_left = $2, run_at = $3, locked_by = null, locked_until = null where id = $1 and status = 'incident' returning id", [jobId, retries, now]);
      return rows.length > 0;
    },

    async releaseJobs(jobIds, workerId) {
      if (jobIds.length === 0) return;
      await db.query('update jobs set locked_by = null, locked_until = null, attempts = greatest(attempts - 1, 0) where id = any($1::uuid[]) and locked_by = $2', [jobIds, workerId]);
    },

    async extendJobLeases(jobIds, workerId, until) {
      if (jobIds.length === 0) return [];
      // locked_by is the guard: a job another worker claimed (or that is done) is not ours to extend.
      const rows = await db.query<{ id: string }>("update jobs set locked_until = $3 where id = any($1::uuid[]) and locked_by = $2 and status = 'ready' returning id", [jobIds, workerId, until]);
      return rows.map((r) => r.id);
    },

    async listCalendarDays() {
      const rows = await db.query<{ date: string; kind: CalendarDay['kind']; reason: string }>("select to_char(date, 'YYYY-MM-DD') as date, kind, reason from calendar_days order by date");
      return rows;
    },

    async putCalendarDays(days) {
      if (days.length === 0) return;
      await db.query(
        `insert into calendar_days (date, kind, reason)
         select x.date, x.kind, x.reason from jsonb_to_recordset($1::jsonb) as x(date date, kind text, reason text)
         on conflict (date) do update set kind = excluded.kind, reason = excluded.reason`,
        [JSON.stringify(days)],
      );
    },

    async assignTask({ taskId, assignee, force, by, now }) {
      return db.transaction(async (tx) => {
        const [row] = await tx.query<TaskRow>('select id, instance_id, element_id, name, candidate_groups, assignee, due from tasks where id = $1 for update', [taskId]);
        if (!row) return 'not-found' as const;
        if (!force && assignee !== null && row.assignee !== null && row.assignee !== assignee) return 'taken' as const;
        await tx.query('update tasks set assignee = $2 where id = $1', [taskId, assignee]);
        const type = assignee === null ? 'task.unclaimed' : row.assignee && row.assignee !== assignee ? 'task.reassigned' : 'task.claimed';
        await tx.query('insert into events (instance_id, items, at) values ($1, $2, $3)', [row.instance_id, eventItems({ type, elementId: row.element_id, data: { taskId, assignee, ...(row.assignee ? { previous: row.assignee } : {}), ...(by ? { by } : {}) } }), now]);
        return toTaskView({ ...row, assignee });
      });
    },

    async listOpenTasks({ instanceId, group, assignee, limit }) {
      // Only the filters given become conditions, so each shape of query gets its own plan and index.
      const where = ["status = 'open'"];
      const params: unknown[] = [];
      if (instanceId) where.push(`instance_id = $${params.push(instanceId)}`);
      if (group) where.push(`candidate_groups @> array[$${params.push(group)}::text]`);
      if (assignee) where.push(`assignee = $${params.push(assignee)}`);
      const rows = await db.query<TaskRow>(
        `select id, instance_id, element_id, name, candidate_groups, assignee, due from tasks
         where ${where.join(' and ')}
         order by due nulls last, created_at, id
         limit $${params.push(limit ?? 1000)}`,
        params,
      );
      return rows.map(toTaskView);
    },

    async listEvents(instanceId) {
      const rows = await db.query<{ items: Array<{ type: string; elementId?: string | null; data?: unknown }>; at: Date }>('select items, at from events where instance_id = $1 order by id', [instanceId], 'dosar_list_events');
      return rows.flatMap((r) => r.items.map((e): EventView => ({
        type: e.type, ...(e.elementId ? { elementId: e.elementId } : {}), at: iso(r.at), ...(e.data !== undefined && e.data !== null ? { data: e.data } : {}),
      })));
    },

    async appendEvent(instanceId, event, at) {
      await db.query('insert into events (instance_id, items, at) values ($1, $2, $3)', [instanceId, eventItems(event), at]);
    },

    async assignBusinessKeys(changes, now) {
      if (changes.length === 0) return;
      // One statement for all: the caller holds a register's counter row until its commit.
      const rows = await db.query<{ instance_id: string }>(
        `with x as (
           select * from unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[], $5::jsonb[]) as x(id, business_key, variables, items, names)
         ), i as (
           update instances set business_key = x.business_key,
             state = jsonb_set(state || jsonb_build_object('businessKey', x.business_key), '{scopes,0,variables}', coalesce(state #> '{scopes,0,variables}', '{}'::jsonb) || x.variables),
             variables = instances.variables || x.variables
           from x where instances.id = x.id and instances.business_key is null
           returning instances.id
         ), s as (
           update subscriptions set business_key = x.business_key
           from x where subscriptions.message_name = any($6::text[]) and subscriptions.instance_id = x.id and x.names ? subscriptions.message_name
             and subscriptions.instance_id in (select id from i) and subscriptions.business_key is null
         )
         insert into events (instance_id, items, at) select x.id, x.items, $7 from x join i on i.id = x.id returning instance_id`,
        [
          changes.map((c) => c.instanceId), changes.map((c) => c.businessKey), changes.map((c) => JSON.stringify(c.variables)),
          changes.map((c) => eventItems({ type: 'instance.keyed', data: { businessKey: c.businessKey, variables: c.variables } })),
          changes.map((c) => JSON.stringify(c.messageNames)), [...new Set(changes.flatMap((c) => c.messageNames))], now,
        ],
        'dosar_assign_business_keys',
      );
      const keyed = new Set(rows.map((r) => r.instance_id));
      const missed = changes.find((c) => !keyed.has(c.instanceId));
      if (missed) throw new AppError('conflict', `Instance ${missed.instanceId} does not exist or already has a business key`);
    },
  };
  return port;
}

function toTaskView(r: TaskRow): TaskView {
  return {
    id: r.id, instanceId: r.instance_id, elementId: r.element_id, name: r.name,
    candidateGroups: r.candidate_groups, assignee: r.assignee, due: r.due ? iso(r.due) : null,
  };
}
