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

/** Runs one statement with $1, $2… parameters and gives its rows (a Database's query, or knex's raw). */
type ReadRows = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * The migrations this code knows and the database has not applied (`pending`: the engine's, listed
 * in `knex_migrations`, then each set's, in its own table), and those a list names that this code
 * does not know (`unknown`: a database migrated by newer code). A table that does not exist yet
 * means none of its migrations ran. Reads only, so it is safe to ask often and from any process.
 */
export async function compareMigrations(read: ReadRows, schema: string, sets: readonly MigrationSet[] = []): Promise<{ pending: string[]; unknown: string[] }> {
  const lists = [{ tableName: ENGINE_TABLE, source: migrationSource as MigrationSet['source'] }, ...sets];
  const pending: string[] = [];
  const unknown: string[] = [];
  for (const { tableName, source } of lists) {
    const known = await Promise.all((await source.getMigrations([])).map((m) => source.getMigrationName(m)));
    const applied = await appliedNames(read, schema, tableName);
    pending.push(...known.filter((name) => !applied.includes(name)));
    unknown.push(...applied.filter((name) => !known.includes(name)));
  }
  return { pending, unknown };
}

/** The engine's migrations, then each set's in order; the caller holds the migration lock. */
export async function runMigrations(knex: Knex, schema: string, sets: readonly MigrationSet[]): Promise<void> {
  if (await upToDate(knex, schema, sets)) return;
  for (const set of sets) await adoptMigrations(knex, schema, set);
  await knex.migrate.latest({ migrationSource, schemaName: schema });
  for (const set of sets) await knex.migrate.latest({ migrationSource: set.source, tableName: set.tableName, schemaName: schema });
}

/**
 * Whether every list (the engine's, then each set's) names exactly the migrations its source has:
 * then there is nothing to run or adopt, and knex's own check (a few statements more, on every
 * start and every CLI command) is skipped. Anything else (a migration pending, or one the code does
 * not know) goes to knex, which runs or refuses as before.
 */
async function upToDate(knex: Knex, schema: string, sets: readonly MigrationSet[]): Promise<boolean> {
  const read = async (sql: string, params: unknown[]) => ((await knex.raw(sql.replace(/\$\d+/g, '?'), params as Knex.RawBinding[])) as { rows: Array<Record<string, unknown>> }).rows;
  const { pending, unknown } = await compareMigrations(read, schema, sets);
  return pending.length === 0 && unknown.length === 0;
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

async function appliedNames(read: ReadRows, schema: string, table: string): Promise<string[]> {
  const [found] = await read('select exists (select 1 from information_schema.tables where table_schema = $1 and table_name = $2) as exists', [schema, table]);
  if (!found?.exists) return [];
  return (await read(`select name from "${schema}"."${table}"`, [])).map((r) => r.name as string);
}
