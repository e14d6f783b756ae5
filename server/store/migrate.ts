import type { Database } from '../../engine/index.ts';
import { serverMigrations } from './migrations/index.ts';

/** Brings a database up to date: the engine's tables, then the server's. */
export function migrateDatabase(db: Database): Promise<void> {
  return db.migrate([serverMigrations]);
}
