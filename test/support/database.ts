import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { openDatabase, type Database } from '../../engine/index.ts';
import { migrateDatabase } from '../../server/store/migrate.ts';
import { SNAPSHOT_PREFIX } from './built-ins.ts';

/**
 * The test database: real PostgreSQL when DATABASE_URL is set, else one in-memory PGlite per
 * process (its cold start costs seconds). Each suite gets a fresh migrated schema; each test starts
 * from empty tables.
 *
 *   const t = useTestDatabase();
 *   it('…', async () => { await t.db.query('select 1'); });
 */
let shared: Promise<PGlite> | undefined;

function sharedPglite(): Promise<PGlite> {
  shared ??= (async () => {
    const pglite = new PGlite({ extensions: { unaccent, pg_trgm } });
    await pglite.waitReady;
    return pglite;
  })();
  return shared;
}

export function testDatabaseKind(): 'postgres' | 'pglite' {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

export async function openTestDatabase(): Promise<Database> {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const db = process.env.DATABASE_URL
    ? await openDatabase({ url: process.env.DATABASE_URL, schema })
    : await openDatabase({ pglite: await sharedPglite(), schema });
  await migrateDatabase(db);
  return db;
}

export async function dropTestDatabase(db: Database): Promise<void> {
  await db.query(`drop schema if exists "${db.schema}" cascade`);
  await db.close();
}

/** knex's lists of applied migrations (the engine's and the server's), kept between tests. */
const MIGRATION_LISTS = /^knex_migrations|^dosar_server_migrations/;

const TABLES = ['form_drafts', 'calendar_days', 'events', 'subscriptions', 'jobs', 'timers', 'closed_tasks', 'tasks', 'tokens', 'instances', 'definitions'];

export function useTestDatabase(): { db: Database } {
  const ctx = {} as { db: Database };
  before(async function () {
    this.timeout(120_000);
    ctx.db = await openTestDatabase();
  });
  beforeEach(async () => {
    const existing = await ctx.db.query<{ tablename: string }>('select tablename from pg_tables where schemaname = $1', [ctx.db.schema]);
    const names = existing.map((r) => r.tablename).filter((n) => !MIGRATION_LISTS.test(n) && !n.startsWith(SNAPSHOT_PREFIX));
    const ordered = [...TABLES.filter((t) => names.includes(t)), ...names.filter((n) => !TABLES.includes(n))];
    if (ordered.length > 0) await ctx.db.query(`truncate ${ordered.map((n) => `"${n}"`).join(', ')} restart identity cascade`);
  });
  after(async () => {
    if (ctx.db) await dropTestDatabase(ctx.db);
  });
  return ctx;
}
