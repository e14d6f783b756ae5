import type { Knex } from 'knex';

/**
 * A printed PDF is kept in the documents file store (server/storage) under a server-chosen key,
 * named by `pdf_key`, instead of in the row: the database stays small and processes on several
 * machines share the files. PDFs printed before stay in `pdf` and are served from there.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table documents add column pdf_key text');
  await knex.raw('create unique index documents_pdf_key on documents (pdf_key) where pdf_key is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index documents_pdf_key');
  await knex.raw('alter table documents drop column pdf_key');
}
