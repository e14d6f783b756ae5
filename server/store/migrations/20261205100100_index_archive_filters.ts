import type { Knex } from 'knex';

/**
 * A page's search vector also holds its filters as lexemes no text can produce (`§y1998`,
 * `§kautorizatie`, `§durbanism`, `§public`/`§private`), so a filtered or scoped search is one GIN
 * lookup (the text's words AND the filters) instead of a scan of every page holding the words. The
 * `§` never survives the text parser, so no word of a page can be mistaken for a filter.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('drop index archive_pages_tsv');
  await knex.raw('alter table archive_pages drop column tsv');
  await knex.raw(`alter table archive_pages add column tsv tsvector not null generated always as (
    to_tsvector('archive_ro', body) || array_to_tsvector(array['§y' || year::text, '§k' || kind, '§d' || department, case when public then '§public' else '§private' end])
  ) stored`);
  await knex.raw('create index archive_pages_tsv on archive_pages using gin (tsv)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index archive_pages_tsv');
  await knex.raw('alter table archive_pages drop column tsv');
  await knex.raw("alter table archive_pages add column tsv tsvector not null generated always as (to_tsvector('archive_ro', body)) stored");
  await knex.raw('create index archive_pages_tsv on archive_pages using gin (tsv)');
}
