import type { Knex } from 'knex';

/**
 * `quality_element_daily`: what the heatmap shows, per procedure version, element (or sequence
 * flow) and day: how many times a token passed it (`passes`; for a flow, how often it was taken),
 * and for elements the time spent from entering to completing: how many timed, their sum in
 * seconds and a histogram (bucket 0 under a second, bucket i from 2^((i-1)/2) seconds; the last
 * holds the rest), so a period's p90 comes from summed histograms. Written once per request when the
 * roll-up settles its ended instance; anonymous like `quality_daily`, so it outlives the requests.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create table quality_element_daily (
    procedure_key text not null,
    version integer not null,
    day date not null,
    element_id text not null,
    passes integer not null default 0,
    timed integer not null default 0,
    seconds double precision not null default 0,
    time_hist integer[] not null default '{}',
    primary key (procedure_key, version, day, element_id)
  )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table quality_element_daily');
}
