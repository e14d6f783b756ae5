import type { Knex } from 'knex';

/**
 * Every issued document carries a verification code (printed as text and as a QR code) that anyone
 * may look up at /verificare/<code>. Documents issued before have none: they keep their number and
 * SHA-256, and the page finds them by neither.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table documents add column verification_code text');
  await knex.raw('create unique index documents_verification_code on documents (verification_code) where verification_code is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index documents_verification_code');
  await knex.raw('alter table documents drop column verification_code');
}
