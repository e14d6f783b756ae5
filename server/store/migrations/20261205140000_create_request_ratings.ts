import type { Knex } from 'knex';

/**
 * `request_ratings`: the citizen's optional satisfaction rating of an ended request (1-5 and a
 * comment), one per request; it goes with the request (on delete cascade), comment and all.
 *
 * `quality_ratings`: the same score without the request, the citizen or the comment (procedure,
 * department, day, score), written with it, so the dashboard's satisfaction figures outlive the
 * personal data like `quality_daily`. A separate table rather than a column of `quality_facts`:
 * a rating may arrive before the roll-up has recorded the request's fact, and the period of a
 * rating is the day it was given, not the day the request was received or ended.
 */
const STATEMENTS = [
  `create table request_ratings (
    request_id uuid primary key references requests (id) on delete cascade,
    procedure_key text not null,
    score smallint not null check (score between 1 and 5),
    comment text check (char_length(comment) <= 1000),
    rated_at timestamptz not null
  )`,
  `create table quality_ratings (
    day date not null,
    procedure_key text not null,
    department text not null,
    score smallint not null check (score between 1 and 5)
  )`,
  'create index quality_ratings_day on quality_ratings (day, procedure_key)',
];

export async function up(knex: Knex): Promise<void> {
  // PGlite prepares each raw call: one statement per call.
  for (const statement of STATEMENTS) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table quality_ratings, request_ratings');
}
