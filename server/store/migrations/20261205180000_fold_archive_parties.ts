import type { Knex } from 'knex';

/**
 * The party filter matched a name against the dossier's title and parties folded together: a
 * name met in a title (a street called after a person) counted as a party, and at 500,000
 * documents the long titles made the trigram index return most dossiers for a common first name,
 * each then checked by hand. The folded text is now the parties' names alone.
 */
const UP = [
  'drop index archive_dossiers_names',
  'alter table archive_dossiers rename column names_fold to parties_fold',
  "update archive_dossiers set parties_fold = archive_fold(array_to_string(parties, ' '))",
  'create index archive_dossiers_parties on archive_dossiers using gin (parties_fold public.gin_trgm_ops)',
];

const DOWN = [
  'drop index archive_dossiers_parties',
  'alter table archive_dossiers rename column parties_fold to names_fold',
  "update archive_dossiers set names_fold = archive_fold(title || ' ' || array_to_string(parties, ' '))",
  'create index archive_dossiers_names on archive_dossiers using gin (names_fold public.gin_trgm_ops)',
];

export async function up(knex: Knex): Promise<void> {
  // PGlite prepares each raw call: one statement per call.
  for (const statement of UP) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  for (const statement of DOWN) await knex.raw(statement);
}
