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

/**
 * Empties the schema's tables for the next test, in one round trip. Truncating a table costs file
 * operations even when it is empty (~100-300 ms for all of them before every test), so only the
 * tables with rows, or whose identity a test has used, are truncated, children first. knex's
 * lists of applied migrations and the built-ins' snapshots stay.
 */
const EMPTY_TABLES = `do $$
declare
  t record;
  hit boolean;
  busy text := '';
begin
  for t in
    select c.oid, format('%I', c.relname) as name from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
      and c.relname !~ '^(knex_migrations|dosar_server_migrations|${SNAPSHOT_PREFIX})'
    order by array_position(array['form_drafts', 'calendar_days', 'events', 'subscriptions', 'jobs', 'timers', 'closed_tasks', 'tasks', 'tokens', 'instances', 'definitions'], c.relname::text), c.relname
  loop
    execute 'select exists (select 1 from ' || t.name || ')' into hit;
    if not hit then
      select coalesce(bool_or(pg_sequence_last_value(d.objid::regclass) is not null), false) into hit
      from pg_depend d join pg_class s on s.oid = d.objid and s.relkind = 'S'
      where d.refclassid = 'pg_class'::regclass and d.refobjid = t.oid and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i');
    end if;
    if hit then busy := busy || case when busy = '' then '' else ', ' end || t.name; end if;
  end loop;
  if busy <> '' then execute 'truncate ' || busy || ' restart identity cascade'; end if;
end $$`;

export function useTestDatabase(): { db: Database } {
  const ctx = {} as { db: Database };
  before(async function () {
    this.timeout(120_000);
    ctx.db = await openTestDatabase();
  });
  beforeEach(async () => {
    await ctx.db.query(EMPTY_TABLES);
  });
  after(async () => {
    if (ctx.db) await dropTestDatabase(ctx.db);
  });
  return ctx;
}
