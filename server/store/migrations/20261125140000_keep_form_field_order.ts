import type { Knex } from 'knex';

/**
 * jsonb reorders object keys, and a form without a UI schema shows its fields in property order:
 * keep package documents as json, which stores the text as written.
 */
export async function up(knex: Knex): Promise<void> {
  for (const column of ['meta', 'forms', 'templates']) {
    await knex.raw(`alter table procedure_packages alter column ${column} type json using ${column}::json`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const column of ['meta', 'forms', 'templates']) {
    await knex.raw(`alter table procedure_packages alter column ${column} type jsonb using ${column}::jsonb`);
  }
}
