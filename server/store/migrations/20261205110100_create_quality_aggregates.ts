import type { Knex } from 'knex';

/**
 * `quality_facts`: one row per citizen request with only what the figures need (procedure,
 * department, when it came and ended, how it ended, its term): no name, no form data, no foreign
 * key to `requests`, so erasing a request's personal data leaves it. Open rows (ended_at null)
 * are what the dashboard counts as open now.
 *
 * `quality_daily`: the quality figures that outlive the requests they count: one row per day, procedure and
 * department (the department that answers the procedure), written by the daily roll-up
 * (server/quality/rollup.ts). No row names a person or a request, so deleting a request's personal
 * data after its retention leaves past figures as they were. Durations are kept as a histogram of
 * working days (bucket i = i working days, the last bucket = that many or more), so a period's
 * median and 90th percentile come from summed histograms, never from the requests.
 * `quality_rollup_days` lists the days rolled up, and is what workers claim (for update skip locked).
 */
const STATEMENTS = [
  `create table quality_facts (
    request_id uuid primary key,
    instance_id uuid not null unique,
    procedure_key text not null,
    department text not null,
    received_at timestamptz not null,
    ended_at timestamptz,
    resolved boolean,
    in_term boolean,
    in_target boolean,
    refused boolean,
    tacit boolean,
    complaint boolean,
    suspensions integer,
    extensions integer,
    duration_wd integer,
    resolved_by text
  )`,
  'create index quality_facts_received on quality_facts (received_at)',
  'create index quality_facts_ended on quality_facts (ended_at)',
  'create index quality_facts_open on quality_facts (procedure_key, department) where ended_at is null',
  'create index requests_submitted on requests (submitted_at)',
  `create table quality_daily (
    day date not null,
    procedure_key text not null,
    department text not null,
    received integer not null default 0,
    closed integer not null default 0,
    resolved integer not null default 0,
    resolved_in_term integer not null default 0,
    resolved_in_target integer not null default 0,
    refused integer not null default 0,
    tacit_approvals integer not null default 0,
    suspensions integer not null default 0,
    extensions integer not null default 0,
    complaints integer not null default 0,
    duration_hist integer[] not null default '{}',
    primary key (day, procedure_key, department)
  )`,
  'create index quality_daily_department on quality_daily (department, day)',
  `create table quality_clerk_daily (
    day date not null,
    department text not null,
    clerk text not null,
    resolved integer not null,
    primary key (day, department, clerk)
  )`,
  `create table quality_rollup_days (
    day date primary key,
    rolled_at timestamptz
  )`,
];

export async function up(knex: Knex): Promise<void> {
  // PGlite prepares each raw call: one statement per call.
  for (const statement of STATEMENTS) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table quality_rollup_days, quality_clerk_daily, quality_daily, quality_facts');
  await knex.raw('drop index requests_submitted');
}
