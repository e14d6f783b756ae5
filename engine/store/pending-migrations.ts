import type { Database } from './database.ts';
import { compareMigrations, type MigrationSet } from './migrate.ts';

/** The pending migrations (compareMigrations) of a database: empty means its schema is what the code expects. */
export async function pendingMigrations(db: Database, sets: readonly MigrationSet[] = []): Promise<string[]> {
  return (await compareMigrations((sql, params) => db.query(sql, params), db.schema, sets)).pending;
}
