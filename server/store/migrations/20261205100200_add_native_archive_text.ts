import type { Knex } from 'knex';

/**
 * Documents of today's requests enter the archive when the request ends (server/archive/
 * archive-requests.ts): their text is born digital (the form's data, the issued document's HTML),
 * neither extracted from a PDF nor recognised from a scan.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table archive_documents drop constraint archive_documents_text_source_check');
  await knex.raw("alter table archive_documents add constraint archive_documents_text_source_check check (text_source in ('pdf', 'ocr', 'none', 'native'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table archive_documents drop constraint archive_documents_text_source_check');
  await knex.raw("alter table archive_documents add constraint archive_documents_text_source_check check (text_source in ('pdf', 'ocr', 'none'))");
}
