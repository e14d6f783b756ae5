import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import knexFactory from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { AppError } from '../errors.ts';
import { runMigrations, type MigrationSet } from './migrate.ts';

export type { MigrationSet } from './migrate.ts';

/**
 * The database behind the engine: PostgreSQL through `pg`, or PGlite (PostgreSQL in WASM) embedded
 * in the process. Same schema, same SQL. Migrations run through knex; the engine's own statements go
 * straight to the driver (named prepared statements on PostgreSQL) because round trips and
 * per-statement client work decide the step rate.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly schema: string;
  /** True for a handle on one open transaction (statements join it), false for the pool. */
  readonly inTransaction: boolean;
  query<R = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<R[]>;
  /**
   * The engine's hot statements (step writes, job claims). Outside a transaction, on PostgreSQL,
   * they run on connections of their own whose planner never takes a sequential or bitmap scan:
   * their plans are generic, made once per connection, and one made while a queue table was empty
   * (a fresh installation, a drained queue) would otherwise scan the whole table on every step as
   * it fills up again. Inside a transaction they join it like any other statement.
   */
  hotQuery<R = Record<string, unknown>>(text: string, params: unknown[], name: string): Promise<R[]>;
  /**
   * Runs fn in one transaction; everything fn does through `tx` joins it. Nested calls are savepoints.
   * `hot`: on the hot statements' connections (see hotQuery), for frequent transactions made only of
   * writes and lookups by key (a batch of submissions), whose generic plans must not scan tables.
   */
  transaction<T>(fn: (tx: Database) => Promise<T>, options?: { hot?: boolean }): Promise<T>;
  /**
   * Inside a transaction: `fn` runs once the outermost transaction has committed, and never if it,
   * or the savepoint `fn` was registered in, rolls back. Outside one: at once (nothing is pending).
   */
  afterCommit(fn: () => void): void;
  /**
   * The connections this handle's pools hold (PostgreSQL: the pool and the hot statements' pool
   * together; PGlite: its one connection, busy while a statement or transaction holds it) and the
   * statements waiting for one. Migrations' own knex connections are not counted.
   */
  poolStats(): PoolStats;
  /**
   * Brings the schema up to date: the engine's migrations, then each of `sets` (the application's
   * own tables) in order, each listed in its own table.
   */
  migrate(sets?: readonly MigrationSet[]): Promise<void>;
  close(): Promise<void>;
}

interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface OpenOptions {
  url?: string;
  /** Folder of the embedded database; 'memory://' or undefined for an in-memory one. */
  dataDir?: string;
  /** PostgreSQL schema to live in (created if missing); default public. */
  schema?: string;
  /** Share an existing PGlite (tests run many schemas on one PGlite). */
  pglite?: PGlite;
  poolSize?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new AppError('bad-input', `"${schema}" is not a valid schema name (lower-case letters, digits, _)`);
  const url = options.url ?? (options.pglite || options.dataDir ? undefined : process.env.DATABASE_URL);
  return url ? openPostgres(url, schema, options.poolSize ?? 20) : openPglite(options, schema);
}

let savepoints = 0;

/** Work waiting for the outermost transaction's commit. */
type Pending = Array<() => void>;

/**
 * A transaction inside a transaction is a savepoint: its failure undoes only its own work, and
 * drops the after-commit work registered in it.
 */
async function withSavepoint<T>(exec: (sql: string) => Promise<unknown>, parent: Pending, fn: (pending: Pending) => Promise<T>): Promise<T> {
  const name = `sp_${++savepoints}`;
  const own: Pending = [];
  await exec(`savepoint ${name}`);
  try {
    const result = await fn(own);
    await exec(`release savepoint ${name}`);
    parent.push(...own);
    return result;
  } catch (err) {
    await exec(`rollback to savepoint ${name}`);
    throw err;
  }
}

function runCommitted(pending: Pending): void {
  for (const fn of pending) {
    try {
      fn();
    } catch {
      // The transaction has committed: what follows it must not turn that into a failure.
    }
  }
}

/** A tiny FIFO mutex: PGlite has one connection, so statements and transactions must not interleave. */
class Mutex {
  private last: Promise<void> = Promise.resolve();
  /** Holders and waiters: the one running and those queued behind it. */
  queued = 0;
  run<T>(fn: () => Promise<T>): Promise<T> {
    this.queued++;
    const result = this.last.then(fn);
    this.last = result.then(() => { this.queued--; }, () => { this.queued--; });
    return result;
  }
}

const pgliteState = new WeakMap<PGlite, { mutex: Mutex; searchPath?: string }>();

async function openPglite(options: OpenOptions, schema: string): Promise<Database> {
  const owned = !options.pglite;
  let pglite = options.pglite;
  if (!pglite) {
    const dir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
    if (dir) mkdirSync(dir, { recursive: true });
    // The application's archive search needs these two (its migration creates them).
    pglite = new PGlite({ ...(dir ? { dataDir: dir } : {}), extensions: { unaccent, pg_trgm } });
    await pglite.waitReady;
  }
  const instance = pglite;
  if (!pgliteState.has(instance)) pgliteState.set(instance, { mutex: new Mutex() });
  const state = pgliteState.get(instance)!;
  const usePath = async () => {
    if (state.searchPath === schema) return;
    await instance.exec(`create schema if not exists "${schema}"; set search_path to "${schema}", public`);
    state.searchPath = schema;
  };
  // knex-pglite closes its connection when knex is destroyed; a shared PGlite must outlive this handle.
  const forKnex = owned ? instance : new Proxy(instance, {
    get: (target, prop) => (prop === 'close' ? async () => undefined : typeof Reflect.get(target, prop) === 'function' ? (Reflect.get(target, prop) as (...args: unknown[]) => unknown).bind(target) : Reflect.get(target, prop)),
  });
  const knex = knexFactory({ client: ClientPgLite as unknown as typeof knexFactory.Client, dialect: 'postgres', connection: () => ({ pglite: forKnex }) as object, useNullAsDefault: true });

  const direct = (run: <R>(text: string, params?: unknown[]) => Promise<R[]>, pending: Pending): Database => ({
    kind: 'pglite',
    schema,
    inTransaction: true,
    query: (text, params) => run(text, params),
    hotQuery: (text, params) => run(text, params),
    transaction: (fn) => withSavepoint((sql) => run(sql), pending, (own) => fn(direct(run, own))),
    afterCommit: (fn) => { pending.push(fn); },
    poolStats: () => db.poolStats(),
    migrate: () => Promise.reject(new AppError('internal', 'migrate inside a transaction')),
    close: () => Promise.resolve(),
  });

  const query = <R>(text: string, params?: unknown[]) => state.mutex.run(async () => {
    await usePath();
    return (await instance.query(text, params as unknown[])).rows as R[];
  });
  const db: Database = {
    kind: 'pglite',
    schema,
    inTransaction: false,
    query,
    hotQuery: query,
    async transaction(fn) {
      const pending: Pending = [];
      const result = await state.mutex.run(async () => {
        await usePath();
        return instance.transaction((tx) => fn(direct(async (text, params) => (await tx.query(text, params as unknown[])).rows as never, pending)));
      });
      runCommitted(pending);
      return result;
    },
    afterCommit: (fn) => fn(),
    poolStats: () => ({ total: 1, idle: state.mutex.queued === 0 ? 1 : 0, waiting: Math.max(state.mutex.queued - 1, 0) }),
    migrate: (sets = []) => state.mutex.run(async () => {
      await usePath();
      await runMigrations(knex, schema, sets);
    }),
    close: async () => {
      await knex.destroy();
      if (owned && !instance.closed) await instance.close();
    },
  };
  return db;
}

async function openPostgres(url: string, schema: string, poolSize: number): Promise<Database> {
  const searchPath = schema === 'public' ? 'public' : `"${schema}",public`;
  // The step statement is always the same text: one generic plan beats re-planning it every time.
  // Generic plans are made per connection with the tables' sizes of that moment; connections are
  // renewed every few minutes so plans made on small tables do not outlive them.
  const options = `-c search_path=${searchPath} -c plan_cache_mode=force_generic_plan`;
  // Pipelined: a transaction's `begin` goes out with its first statement, not a round trip ahead of it.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, maxLifetimeSeconds: 600, options, pipeline: true } as pg.PoolConfig);
  pool.on('error', () => undefined);
  // Steps and claims outside transactions: a few statements at a time (group commit), index scans
  // only, and no JIT (a plan with a disabled scan looks costly enough to be compiled on every run);
  // also the hot transactions.
  const hotPool = new pg.Pool({ connectionString: url, max: 4, maxLifetimeSeconds: 600, options: `${options} -c enable_seqscan=off -c enable_bitmapscan=off -c jit=off`, pipeline: true } as pg.PoolConfig);
  hotPool.on('error', () => undefined);
  try {
    await pool.query(`create schema if not exists "${schema}"`);
  } catch (cause) {
    await Promise.all([pool.end(), hotPool.end()]);
    throw new AppError('internal', `Cannot reach PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//…@')}: ${(cause as Error).message}`, { cause });
  }
  const knex = knexFactory({ client: 'pg', connection: { connectionString: url }, searchPath: [schema, 'public'], pool: { min: 0, max: 2 } });

  const run = async <R>(client: pg.Pool | pg.PoolClient, text: string, params?: unknown[], name?: string): Promise<R[]> =>
    (await client.query(name ? { name, text, values: params as unknown[] } : { text, values: params as unknown[] })).rows as R[];

  const poolStats = (): PoolStats => ({
    total: pool.totalCount + hotPool.totalCount,
    idle: pool.idleCount + hotPool.idleCount,
    waiting: pool.waitingCount + hotPool.waitingCount,
  });

  const inClient = (client: pg.PoolClient, pending: Pending): Database => ({
    kind: 'postgres',
    schema,
    inTransaction: true,
    query: (text, params, name) => run(client, text, params, name),
    hotQuery: (text, params, name) => run(client, text, params, name),
    transaction: (fn) => withSavepoint((sql) => client.query(sql), pending, (own) => fn(inClient(client, own))),
    afterCommit: (fn) => { pending.push(fn); },
    poolStats,
    migrate: () => Promise.reject(new AppError('internal', 'migrate inside a transaction')),
    close: () => Promise.resolve(),
  });

  return {
    kind: 'postgres',
    schema,
    inTransaction: false,
    query: (text, params, name) => run(pool, text, params, name),
    hotQuery: (text, params, name) => run(hotPool, text, params, name),
    async transaction(fn, { hot = false } = {}) {
      const client = await (hot ? hotPool : pool).connect();
      const pending: Pending = [];
      let result;
      try {
        const begun = client.query('begin');
        begun.catch(() => undefined);
        result = await fn(inClient(client, pending));
        await begun;
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
      runCommitted(pending);
      return result;
    },
    afterCommit: (fn) => fn(),
    poolStats,
    async migrate(sets = []) {
      // Serialise concurrent starts: two processes migrating at once would race on DDL.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(hashtext($1))', [`dosar-migrate-${schema}`]);
        await runMigrations(knex, schema, sets);
      } finally {
        await client.query('select pg_advisory_unlock(hashtext($1))', [`dosar-migrate-${schema}`]).catch(() => undefined);
        client.release();
      }
    },
    async close() {
      await knex.destroy();
      await Promise.all([pool.end(), hotPool.end()]);
    },
  };
}
