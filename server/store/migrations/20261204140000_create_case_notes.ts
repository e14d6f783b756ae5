import type { Knex } from 'knex';

/**
 * Internal notes clerks leave on a request for each other (who checked what, what to ask next).
 * They belong to the office, not to the file the citizen sees: no page or API answer a citizen can
 * read selects from this table (server/requests/case-notes.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create table case_notes (
    id uuid primary key,
    request_id uuid not null references requests (id) on delete cascade,
    author_id uuid not null references users (id),
    body text not null check (length(body) between 1 and 4000),
    created_at timestamptz not null
  )`);
  await knex.raw('create index case_notes_request on case_notes (request_id, created_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table case_notes');
}
