import type { Database, MigrationSet } from './database.ts';
import { migrationSource } from './migrations/index.ts';

const ENGINE_TABLE = 'knex_migrations';

/**
 * The migrations this code knows and the database has not applied: the engine's (listed in
 * `knex_migrations`), then each set's (in its own table). Empty means the schema is what the code
 * expects. A table that does not exist yet means none of its migrations ran. Reads only, so it is
 * safe to ask often (readiness probes) and from any process.
 */
export async function pendingMigrations(db: Database, sets: readonly MigrationSet[] = []): Promise<string[]> {
  const lists: Array<{ table: string; source: MigrationSet['source'] }> = [
    { table: ENGINE_TABLE, source: migrationSource as MigrationSet['source'] },
    ...sets.map((s) => ({ table: s.tableName, source: s.source })),
  ];
  const pending: string[] = [];
  for (const { table, source } of lists) {
    const known = await Promise.all((await source.getMigrations([])).map((m) => source.getMigrationName(m)));
    const applied = new Set(await appliedNames(db, table));
    pending.push(...known.filter((name) => !applied.has(name)));
  }
  return pending;
}

async function appliedNames(db: Database, table: string): Promise<string[]> {
  const [found] = await db.query<{ exists: boolean }>(
    'select exists (select 1 from information_schema.tables where table_schema = $1 and table_name = $2) as exists',
    [db.schema, table],
  );
  if (!found?.exists) return [];
  return (await db.query<{ name: string }>(`select name from "${db.schema}"."${table}"`)).map((r) => r.name);
}
