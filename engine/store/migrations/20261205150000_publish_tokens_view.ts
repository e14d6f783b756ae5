import type { Knex } from 'knex';

/**
 * `engine_tokens_v`, part of the read contract: where each live token is, so a reader can count the
 * instances waiting at each element (the quality heatmap) without reading the table behind it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create view engine_tokens_v as select instance_id, token_id, element_id, wait_kind from tokens');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view engine_tokens_v');
}
