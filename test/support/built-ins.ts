import { fileURLToPath } from 'node:url';
import type { Database, Engine } from '../../engine/index.ts';
import { loadProcedures } from '../../server/load-procedures.ts';
import { seedDepartments } from '../../server/seed.ts';

const PROCEDURES = fileURLToPath(new URL('../../procedures', import.meta.url));
/** The tables seedDepartments and loadProcedures write, in an order their references allow. */
const TABLES = ['departments', 'definitions', 'decisions', 'procedure_packages'];
/** Copies of those tables, which the per-test truncate leaves alone (test/support/database.ts). */
export const SNAPSHOT_PREFIX = '_snapshot_';

const taken = new WeakMap<Database, Array<{ table: string; sequence: string; column: string }>>();

/**
 * The departments and built-in procedures a test server starts with. Loading compiles and checks
 * every package (about 0.4 s a server), so it runs once per test database: its rows are copied
 * aside, and after each truncate they are put back as they were (same ids, so per-process caches
 * keyed by definition stay true). A database that is not empty (a second server on it, or rows a
 * test wrote first) is loaded the usual way.
 */
export async function loadBuiltIns(engine: Engine, db: Database): Promise<void> {
  const empty = await isEmpty(db);
  const sequences = taken.get(db);
  if (empty && sequences) {
    for (const table of TABLES) await db.query(`insert into "${table}" overriding system value select * from "${SNAPSHOT_PREFIX}${table}"`);
    for (const s of sequences) await db.query(`select setval($1, coalesce((select max("${s.column}") from "${s.table}"), 1))`, [s.sequence]);
    return;
  }
  await seedDepartments(db);
  await loadProcedures(engine, db, PROCEDURES);
  if (empty && !sequences) taken.set(db, await snapshot(db));
}

async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>(`select ${TABLES.map((t) => `exists (select 1 from "${t}")`).join(' or ')} as any`);
  return !row!.any;
}

async function snapshot(db: Database): Promise<Array<{ table: string; sequence: string; column: string }>> {
  for (const table of TABLES) {
    await db.query(`drop table if exists "${SNAPSHOT_PREFIX}${table}"`);
    await db.query(`create table "${SNAPSHOT_PREFIX}${table}" as select * from "${table}"`);
  }
  return db.query<{ table: string; sequence: string; column: string }>(
    `select c.relname as table, a.attname as column, pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as sequence
     from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relname = any($1::text[]) and a.attnum > 0 and not a.attisdropped
       and pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) is not null`, [TABLES]);
}
