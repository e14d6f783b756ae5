import type { Knex } from 'knex';

/**
 * Deployed DMN decisions, versioned per decision id like process definitions: `compiled` holds the
 * decision and every decision it requires from its file (engine/dmn/decision.ts), `xml` the whole
 * file as deployed. engine_decisions_v is its read view (engine/README.md, "Read contract").
 */
const UP = [
  `create table decisions (
    id uuid primary key,
    key text not null,
    version integer not null check (version > 0),
    name text,
    xml text not null,
    compiled jsonb not null,
    deployed_at timestamptz not null,
    deployed_by text,
    unique (key, version)
  )`,
  `create view engine_decisions_v as
    select id, key, version, name, xml, deployed_at, deployed_by from decisions`,
];

export async function up(knex: Knex): Promise<void> {
  // PGlite prepares each raw call: one statement per call.
  for (const statement of UP) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view engine_decisions_v');
  await knex.raw('drop table decisions');
}
