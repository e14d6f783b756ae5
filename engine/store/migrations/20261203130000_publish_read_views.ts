import type { Knex } from 'knex';

/**
 * The engine's read contract (engine/README.md, "Read contract"): views the application may read
 * instead of the tables behind them, which the engine is free to change. Each is a plain projection
 * of one table (events: one row per event), so the planner sees through it and queries keep the
 * tables' indexes and plans. A storage change that alters a table redefines its view with the same
 * columns, in the same migration.
 */
const UP = [
  `create view engine_definitions_v as
    select id, key, version, name, xml, deployed_at, deployed_by from definitions`,
  `create view engine_instances_v as
    select id, definition_id, key, version, business_key, parent_instance_id, status, started_at, updated_at, ended_at from instances`,
  `create view engine_tasks_v as
    select id, instance_id, element_id, name, candidate_groups, candidate_users, assignee, form_key, due, follow_up, status, created_at from tasks`,
  `create view engine_events_v as
    select e.instance_id, e.id as row_id, x.position, x.item ->> 'type' as type, x.item ->> 'elementId' as element_id, x.item -> 'data' as data, e.at
    from events e cross join lateral jsonb_array_elements(e.items) with ordinality as x(item, position)`,
];

export async function up(knex: Knex): Promise<void> {
  // PGlite prepares each raw call: one statement per call.
  for (const statement of UP) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view engine_events_v, engine_tasks_v, engine_instances_v, engine_definitions_v');
}
