import type { Knex } from 'knex';
import { migrationSource } from './migrations/index.ts';

/**
 * Migrations the application adds beside the engine's: its own source, listed in its own table (the
 * engine's list is `knex_migrations`). Knex refuses a list that names migrations its source lacks,
 * so each set keeps to its table.
 */
export interface MigrationSet {
  tableName: string;
  source: Knex.MigrationSource<unknown>;
}

const ENGINE_TABLE = 'knex_migrations';

/** The engine's migrations, then each set's in order; the caller holds the migration lock. */
export async function runMigrations(knex: Knex, schema: string, sets: readonly MigrationSet[]): Promise<void> {
  for (const set of sets) await adoptMigrations(knex, schema, set);
  await knex.migrate.latest({ migrationSource, schemaName: schema });
  for (const set of sets) await knex.migrate.latest({ migrationSource: set.source, tableName: set.tableName, schemaName: schema });
}

/**
 * Databases made before the application's tables left the engine's migrations list those
 * migrations in the engine's table: their names move, with their batch and time, to the set's
 * table, in one transaction, so nothing runs twice. Idempotent: once moved, none are left to move.
 */
async function adoptMigrations(knex: Knex, schema: string, set: MigrationSet): Promise<void> {
  const names = await Promise.all((await set.source.getMigrations([])).map((m) => set.source.getMigrationName(m)));
  await knex.transaction(async (trx) => {
    if (!(await trx.schema.withSchema(schema).hasTable(ENGINE_TABLE))) return;
    const moving = await trx.withSchema(schema).table(ENGINE_TABLE).whereIn('name', names).orderBy('id').select('name', 'batch', 'migration_time');
    if (moving.length === 0) return;
    // The shape knex gives a migrations table, so knex takes it as its own.
    if (!(await trx.schema.withSchema(schema).hasTable(set.tableName))) {
      await trx.schema.withSchema(schema).createTable(set.tableName, (t) => {
        t.increments();
        t.string('name');
        t.integer('batch');
        t.timestamp('migration_time');
      });
    }
    const present = new Set((await trx.withSchema(schema).table(set.tableName).select('name')).map((r: { name: string }) => r.name));
    const rows = moving.filter((r: { name: string }) => !present.has(r.name));
    if (rows.length > 0) await trx.withSchema(schema).table(set.tableName).insert(rows);
    await trx.withSchema(schema).table(ENGINE_TABLE).whereIn('name', names).delete();
  });
}
