import type { Knex } from 'knex';

/**
 * Definitions, instances and everything an instance waits on, as rows the queues can index.
 * Rows of tokens, tasks, timers, jobs, subscriptions and events are written only by the statement
 * that writes their instance (engine/store/apply-step.ts), so they carry no foreign key to it: a
 * per-row key check measured as the largest single cost of a step. Hot rows leave page room
 * (fillfactor) so updates stay HOT. A closed task moves from `tasks` (open ones only, with the
 * queue indexes) to `closed_tasks`: a delete and a one-index insert instead of an update that
 * rewrites every queue index.
 */
export async function up(knex: Knex): Promise<void> {
  // One statement per call: PGlite runs each through the extended protocol, which takes one command.
  for (const statement of SQL.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) await knex.raw(statement);
}

const SQL = `
    create table definitions (
      id uuid primary key,
      key text not null,
      version integer not null check (version > 0),
      name text,
      xml text not null,
      compiled jsonb not null,
      deployed_at timestamptz not null,
      deployed_by text,
      unique (key, version)
    );

    create table instances (
      id uuid primary key,
      definition_id uuid not null references definitions (id),
      key text not null,
      version integer not null,
      business_key text,
      parent_instance_id uuid,
      status text not null check (status in ('active', 'completed', 'terminated', 'incident')),
      state jsonb not null,
      variables jsonb not null,
      rev integer not null,
      started_at timestamptz not null,
      updated_at timestamptz not null,
      ended_at timestamptz
    ) with (fillfactor = 70);
    create index instances_business_key on instances (business_key) where business_key is not null;
    create index instances_key_status on instances (key, version, status);

    create table tokens (
      instance_id uuid not null,
      token_id text not null,
      element_id text not null,
      scope_id text not null,
      wait_kind text,
      primary key (instance_id, token_id)
    );

    create table tasks (
      id uuid primary key,
      instance_id uuid not null,
      element_id text not null,
      name text,
      token_id text not null,
      candidate_groups text[] not null default '{}',
      candidate_users text[] not null default '{}',
      assignee text,
      form_key text,
      due timestamptz,
      follow_up timestamptz,
      loop_index integer,
      status text not null default 'open' check (status in ('open', 'completed', 'cancelled')),
      created_at timestamptz not null,
      closed_at timestamptz
    ) with (fillfactor = 80);
    create index tasks_open_groups on tasks using gin (candidate_groups) where status = 'open';
    create index tasks_open_assignee on tasks (assignee, due) where status = 'open';
    create index tasks_open_due on tasks (due, created_at) where status = 'open';
    create index tasks_instance on tasks (instance_id);

    create table closed_tasks (
      id uuid primary key,
      instance_id uuid not null,
      element_id text not null,
      status text not null check (status in ('completed', 'cancelled')),
      closed_at timestamptz not null
    );

    create table timers (
      id uuid primary key,
      instance_id uuid,
      definition_id uuid references definitions (id),
      element_id text not null,
      token_id text,
      scope_id text,
      due_at timestamptz not null,
      repeat jsonb,
      check ((instance_id is null) <> (definition_id is null))
    );
    create index timers_due on timers (due_at);
    create index timers_instance on timers (instance_id);

    create table jobs (
      id uuid primary key,
      instance_id uuid not null,
      element_id text not null,
      token_id text not null,
      handler text not null,
      payload jsonb not null,
      run_at timestamptz not null,
      retries_left integer not null,
      attempts integer not null default 0,
      status text not null default 'ready' check (status in ('ready', 'incident')),
      locked_by text,
      locked_until timestamptz,
      last_error text
    );
    create index jobs_ready on jobs (run_at) where status = 'ready';
    create index jobs_instance on jobs (instance_id);

    create table subscriptions (
      id uuid primary key,
      instance_id uuid,
      definition_id uuid references definitions (id),
      message_name text not null,
      business_key text,
      element_id text not null,
      token_id text,
      scope_id text,
      correlation_key text,
      check ((instance_id is null) <> (definition_id is null))
    );
    create index subscriptions_instance on subscriptions (message_name, instance_id);
    create index subscriptions_business_key on subscriptions (message_name, business_key);
    create index subscriptions_definition on subscriptions (definition_id) where definition_id is not null;

    create table events (
      id bigserial primary key,
      instance_id uuid not null,
      type text not null,
      element_id text,
      data jsonb,
      at timestamptz not null
    );
    create index events_instance on events (instance_id, id);
`;

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table events, subscriptions, jobs, timers, closed_tasks, tasks, tokens, instances, definitions');
}
