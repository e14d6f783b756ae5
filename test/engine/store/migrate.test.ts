import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { openDatabase, type Database } from '../../../engine/store/database.ts';
import * as createEngineTables from '../../../engine/store/migrations/20261124120000_create_engine_tables.ts';
import * as createCalendarDays from '../../../engine/store/migrations/20261124130000_create_calendar_days.ts';
import * as keepOneEventRowPerStep from '../../../engine/store/migrations/20261125150000_keep_one_event_row_per_step.ts';
import * as keyEventsByInstance from '../../../engine/store/migrations/20261202120000_key_events_by_instance.ts';
import * as createFormDrafts from '../../../server/store/migrations/20261124140000_create_form_drafts.ts';
import * as createServerTables from '../../../server/store/migrations/20261125120000_create_server_tables.ts';
import * as createScheduledRuns from '../../../server/store/migrations/20261125130000_create_scheduled_runs.ts';
import * as keepFormFieldOrder from '../../../server/store/migrations/20261125140000_keep_form_field_order.ts';
import * as createUploads from '../../../server/store/migrations/20261203100000_create_uploads.ts';
import * as guardSignInAndTokens from '../../../server/store/migrations/20261203110000_guard_sign_in_and_tokens.ts';
import * as numberRequestsLast from '../../../server/store/migrations/20261203120000_number_requests_last.ts';
import { migrateDatabase } from '../../../server/store/migrate.ts';

/**
 * The migration list as it was when the engine's migrations also made the server's tables, all
 * in `knex_migrations` (frozen here: the files are the same, only their folder moved).
 */
const BEFORE_THE_SPLIT: Array<[string, Knex.Migration]> = [
  ['20261124120000_create_engine_tables', createEngineTables],
  ['20261124130000_create_calendar_days', createCalendarDays],
  ['20261124140000_create_form_drafts', createFormDrafts],
  ['20261125120000_create_server_tables', createServerTables],
  ['20261125130000_create_scheduled_runs', createScheduledRuns],
  ['20261125140000_keep_form_field_order', keepFormFieldOrder],
  ['20261125150000_keep_one_event_row_per_step', keepOneEventRowPerStep],
  ['20261202120000_key_events_by_instance', keyEventsByInstance],
  ['20261203110000_guard_sign_in_and_tokens', guardSignInAndTokens],
  ['20261203120000_number_requests_last', numberRequestsLast],
  ['20261203100000_create_uploads', createUploads],
];
const ENGINE_NAMES = ['20261124120000_create_engine_tables', '20261124130000_create_calendar_days', '20261125150000_keep_one_event_row_per_step', '20261202120000_key_events_by_instance', '20261203130000_publish_read_views', '20261204100000_add_signal_deliveries', '20261204150000_create_decisions', '20261205150000_publish_tokens_view', '20261205170000_publish_job_and_timer_views', '20261207090000_read_event_items_by_recordset'];
const SERVER_NAMES = ['20261124140000_create_form_drafts', '20261125120000_create_server_tables', '20261125130000_create_scheduled_runs', '20261125140000_keep_form_field_order', '20261203110000_guard_sign_in_and_tokens', '20261203120000_number_requests_last', '20261203100000_create_uploads', '20261204120000_create_payment_orders', '20261204130000_add_password_resets', '20261204140000_create_case_notes', '20261204160000_add_document_verification_codes', '20261205100000_create_archive', '20261205100100_index_archive_filters', '20261205100200_add_native_archive_text', '20261205110000_add_head_of_department_role', '20261205110100_create_quality_aggregates', '20261205120000_add_document_pdf_keys', '20261205130000_link_payment_receipts', '20261205140000_create_request_ratings', '20261205150000_create_quality_element_daily', '20261205160000_index_archive_storage_keys', '20261205180000_fold_archive_parties'];

let own: Promise<PGlite> | undefined;

/** A fresh schema, and a knex on it that runs a given migration list the way the old code did. */
async function freshSchema(): Promise<{ db: Database; migrateWith: (list: Array<[string, Knex.Migration]>) => Promise<void>; close: () => Promise<void> }> {
  const schema = `m_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const source: Knex.MigrationSource<[string, Knex.Migration]> = { getMigrations: async () => [], getMigrationName: ([n]) => n, getMigration: async ([, m]) => m };
  const url = process.env.DATABASE_URL;
  if (url) {
    const db = await openDatabase({ url, schema, poolSize: 2 });
    const knex = knexFactory({ client: 'pg', connection: { connectionString: url }, searchPath: [schema, 'public'], pool: { min: 0, max: 1 } });
    return {
      db,
      migrateWith: (list) => knex.migrate.latest({ migrationSource: { ...source, getMigrations: async () => list }, schemaName: schema }),
      close: async () => { await db.query(`drop schema "${schema}" cascade`); await knex.destroy(); await db.close(); },
    };
  }
  // One PGlite for this file (a cold start costs seconds), not the suites' shared one: knex here
  // sets its search path behind the back of the Database handles on it.
  own ??= PGlite.create({ extensions: { unaccent, pg_trgm } });
  const pglite = await own;
  await pglite.exec(`create schema "${schema}"; set search_path to "${schema}", public`);
  const knex = knexFactory({ client: ClientPgLite as unknown as typeof knexFactory.Client, dialect: 'postgres', connection: () => ({ pglite: keepOpen(pglite) }) as object, useNullAsDefault: true });
  const db = await openDatabase({ pglite, schema });
  return {
    db,
    migrateWith: (list) => knex.migrate.latest({ migrationSource: { ...source, getMigrations: async () => list }, schemaName: schema }),
    close: async () => { await db.query(`drop schema "${schema}" cascade`); await knex.destroy(); await db.close(); },
  };
}

/** knex-pglite closes its PGlite when knex is destroyed: this one outlives each test's knex. */
function keepOpen(pglite: PGlite): PGlite {
  return new Proxy(pglite, {
    get: (target, prop) => (prop === 'close' ? async () => undefined : typeof Reflect.get(target, prop) === 'function' ? (Reflect.get(target, prop) as (...args: unknown[]) => unknown).bind(target) : Reflect.get(target, prop)),
  });
}

const namesIn = async (db: Database, table: string) => (await db.query<{ name: string }>(`select name from ${table} order by id`)).map((r) => r.name);

describe('migrating the engine\'s tables and then the server\'s', function () {
  this.timeout(120_000);
  after(async () => {
    const pglite = await own;
    if (pglite && !pglite.closed) await pglite.close();
  });

  describe('on a database made by the migrations of before the split', () => {
    it('moves the server\'s migrations to its own list, runs none twice, and keeps every row', async () => {
      // given a database made by the old list, with rows in engine and server tables
      const s = await freshSchema();
      try {
        await s.migrateWith(BEFORE_THE_SPLIT);
        const before = await s.db.query<{ name: string; batch: number; migration_time: Date }>('select name, batch, migration_time from knex_migrations order by id');
        const at = new Date('2026-03-02T08:00:00Z');
        const definitionId = randomUUID();
        const instanceId = randomUUID();
        const userId = randomUUID();
        const requestId = randomUUID();
        await s.db.query(`insert into definitions (id, key, version, xml, compiled, deployed_at) values ($1, 'petitie', 1, '<xml/>', '{}', $2)`, [definitionId, at]);
        await s.db.query(`insert into instances (id, definition_id, key, version, status, state, variables, rev, started_at, updated_at)
          values ($1, $2, 'petitie', 1, 'active', '{}', '{"nume":"Maria"}', 1, $3, $3)`, [instanceId, definitionId, at]);
        await s.db.query(`insert into tasks (id, instance_id, element_id, name, token_id, candidate_groups, created_at) values ($1, $2, 'triere', 'Triere', 't1', '{registratura}', $3)`, [randomUUID(), instanceId, at]);
        await s.db.query('insert into events (instance_id, items, at) values ($1, $2, $3)', [instanceId, JSON.stringify([{ type: 'instance.started' }, { type: 'task.created', elementId: 'triere', data: { candidateGroups: ['registratura'] } }]), at]);
        await s.db.query(`insert into calendar_days (date, kind, reason) values ('2026-12-24', 'non-working', 'Ajun')`);
        await s.db.query(`insert into users (id, email, name, role, created_at) values ($1, 'maria@exemplu.ro', 'Maria', 'citizen', $2)`, [userId, at]);
        await s.db.query(`insert into api_tokens (token_hash, user_id, created_at, id, expires_at) values ('h', $1, $2, $3, $2)`, [userId, at, randomUUID()]);
        await s.db.query(`insert into requests (id, instance_id, procedure_key, definition_id, citizen_id, register, reg_year, reg_number, registration_number, secret_hash, data, submitted_at)
          values ($1, $2, 'petitie', $3, $4, 'general', 2026, 1, '1/02.03.2026', 's', '{"nume":"Maria"}', $5)`, [requestId, instanceId, definitionId, userId, at]);
        await s.db.query(`insert into form_drafts (token_hash, form_key, data, created_at, expires_at) values ('d', 'petitie', '{}', $1, $1)`, [at]);
        const snapshot = () => Promise.all(['definitions', 'instances', 'tasks', 'events', 'calendar_days', 'users', 'api_tokens', 'requests', 'form_drafts']
          .map((table) => s.db.query(`select * from ${table} order by 1`)));
        const rows = await snapshot();

        // when the new code migrates it, twice (a second start changes nothing)
        await migrateDatabase(s.db);
        await migrateDatabase(s.db);

        // then every row is as it was (beside columns later migrations added), and each list names
        // its own migrations, the moved ones with their batch and time, then the ones that ran now
        const after = (await snapshot()).map((table, i) => table.map((row) => Object.fromEntries(Object.keys(rows[i]![0] ?? row).map((k) => [k, (row as Record<string, unknown>)[k]]))));
        expect(after).to.deep.equal(rows);
        expect(await namesIn(s.db, 'knex_migrations')).to.deep.equal(ENGINE_NAMES);
        // (server migrations written after the split run then, after the moved ones)
        const movedNames = BEFORE_THE_SPLIT.map(([n]) => n).filter((n) => SERVER_NAMES.includes(n));
        expect(await namesIn(s.db, 'dosar_server_migrations')).to.deep.equal([...movedNames, ...SERVER_NAMES.filter((n) => !movedNames.includes(n))]);
        const moved = await s.db.query<{ name: string; batch: number; migration_time: Date }>('select name, batch, migration_time from dosar_server_migrations order by id');
        expect(moved.filter((r) => movedNames.includes(r.name))).to.deep.equal(before.filter((r) => SERVER_NAMES.includes(r.name)));
        // and the engine's read contract shows the old rows
        const [event] = await s.db.query<{ type: string; data: unknown }>("select type, data from engine_events_v where instance_id = $1 and type = 'task.created'", [instanceId]);
        expect(event).to.deep.equal({ type: 'task.created', data: { candidateGroups: ['registratura'] } });
      } finally {
        await s.close();
      }
    });

    it('runs the server\'s migrations that database had not run yet', async () => {
      const s = await freshSchema();
      try {
        // given a database made before the last three server migrations landed
        await s.migrateWith(BEFORE_THE_SPLIT.slice(0, 8));
        await migrateDatabase(s.db);
        expect(await namesIn(s.db, 'knex_migrations')).to.deep.equal(ENGINE_NAMES);
        expect(await namesIn(s.db, 'dosar_server_migrations')).to.deep.equal(SERVER_NAMES);
        expect(await s.db.query("select 1 from pg_tables where schemaname = $1 and tablename = 'uploads'", [s.db.schema])).to.have.length(1);
      } finally {
        await s.close();
      }
    });
  });

  describe('on a database already up to date', () => {
    it('runs nothing, not even knex, and leaves each list as it was', async () => {
      const s = await freshSchema();
      try {
        await migrateDatabase(s.db);
        // a lock a crashed knex run left behind would stop knex: migrating again does not reach it
        await s.db.query('update knex_migrations_lock set is_locked = 1');
        await migrateDatabase(s.db);
        expect(await namesIn(s.db, 'knex_migrations')).to.deep.equal(ENGINE_NAMES);
        expect(await namesIn(s.db, 'dosar_server_migrations')).to.deep.equal(SERVER_NAMES);
      } finally {
        await s.close();
      }
    });

    it('still refuses a list naming a migration this code does not have', async () => {
      const s = await freshSchema();
      try {
        await migrateDatabase(s.db);
        await s.db.query("insert into knex_migrations (name, batch, migration_time) values ('20991231000000_from_newer_code', 9, now())");
        const refused = await migrateDatabase(s.db).then(() => undefined, (err: Error) => err);
        expect(refused?.message).to.contain('20991231000000_from_newer_code');
      } finally {
        await s.close();
      }
    });
  });

  describe('on a fresh database', () => {
    it('lists the engine\'s migrations in knex_migrations and the server\'s in its own table', async () => {
      const s = await freshSchema();
      try {
        await migrateDatabase(s.db);
        expect(await namesIn(s.db, 'knex_migrations')).to.deep.equal(ENGINE_NAMES);
        expect(await namesIn(s.db, 'dosar_server_migrations')).to.deep.equal(SERVER_NAMES);
      } finally {
        await s.close();
      }
    });

    it('makes only engine tables when the engine migrates alone', async () => {
      const s = await freshSchema();
      try {
        await s.db.migrate();
        const tables = (await s.db.query<{ tablename: string }>('select tablename from pg_tables where schemaname = $1 order by tablename', [s.db.schema])).map((r) => r.tablename);
        expect(tables).to.deep.equal(['calendar_days', 'closed_tasks', 'decisions', 'definitions', 'events', 'instances', 'jobs', 'knex_migrations', 'knex_migrations_lock', 'signal_deliveries', 'subscriptions', 'tasks', 'timers', 'tokens']);
      } finally {
        await s.close();
      }
    });
  });
});
