import type { Knex } from 'knex';

/**
 * The archive's files are in a file store (a folder or S3) and the hourly sweep asks, 500 keys at a
 * time, which of the keys it lists a document still names: an index on the key answers that
 * without reading every document row.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index archive_documents_storage_key on archive_documents (storage_key) where storage_key is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index archive_documents_storage_key');
}
