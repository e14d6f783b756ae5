import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clockFromEnv, DEFAULT_LEASE_MS, Engine, AppError, type HandlerRegistry, createEnginePort, openDatabase, type Database } from '../engine/index.ts';
import { handlersFromEnv } from './installation-handlers.ts';
import { migrateDatabase } from './store/migrate.ts';

export interface OpenedEngine {
  engine: Engine;
  db: Database;
  close: () => Promise<void>;
}

/**
 * Opens the configured database (DATABASE_URL, else the embedded one in DOSAR_DATA_DIR), applies
 * the engine's migrations and the server's, and builds an engine on it with the environment's clock and
 * handlers (DOSAR_HANDLERS). `onStepsCommitted` counts the engine's steps (the server's metrics).
 */
export async function openEngine(options: { at?: string; handlers?: HandlerRegistry; env?: NodeJS.ProcessEnv; onStepsCommitted?: (steps: number) => void } = {}): Promise<OpenedEngine> {
  const env = options.env ?? process.env;
  const clock = clockFromEnv(options.at, env);
  const leaseMs = jobLeaseFromEnv(env);
  const instanceCacheSize = instanceCacheSizeFromEnv(env);
  // Before the database opens: a bad handler module stops the start with nothing to release.
  const handlers = options.handlers ?? await handlersFromEnv(env);
  const url = env.DATABASE_URL || undefined;
  const dataDir = resolve(env.DOSAR_DATA_DIR ?? './data');
  const release = url ? () => undefined : lockDataDir(dataDir);
  let db: Database | undefined;
  try {
    db = await openDatabase(url ? { url, ...(env.DOSAR_DB_SCHEMA ? { schema: env.DOSAR_DB_SCHEMA } : {}) } : { dataDir });
    await migrateDatabase(db);
  } catch (err) {
    // An open database keeps the process alive: a failed start must end, not hang.
    await db?.close().catch(() => undefined);
    release();
    throw err;
  }
  const engine = new Engine({
    store: createEnginePort(db),
    clock,
    handlers,
    leaseMs,
    ...(instanceCacheSize !== undefined ? { instanceCacheSize } : {}),
    ...(options.onStepsCommitted ? { onStepsCommitted: options.onStepsCommitted } : {}),
    onHeartbeatError: (err) => console.error(`job heartbeat: ${err instanceof Error ? err.message : String(err)}`),
  });
  return {
    engine,
    db,
    close: async () => {
      await db.close();
      release();
    },
  };
}

/**
 * DOSAR_JOB_LEASE_MS: how long a job claimed by a process stays its own (default 30 000 ms). A
 * process that dies mid-job delays that job by at most this long; a running handler's lease is
 * renewed by a heartbeat, so it may run longer.
 */
export function jobLeaseFromEnv(env: NodeJS.ProcessEnv): number {
  const text = env.DOSAR_JOB_LEASE_MS;
  if (text === undefined || text === '') return DEFAULT_LEASE_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 300 || ms > 86_400_000) {
    throw new AppError('bad-input', { ro: `DOSAR_JOB_LEASE_MS="${text}" nu este un număr întreg de milisecunde între 300 și 86400000`, en: `DOSAR_JOB_LEASE_MS="${text}" is not a whole number of milliseconds between 300 and 86400000` });
  }
  return ms;
}

/** DOSAR_INSTANCE_CACHE_SIZE: running instances whose state a process keeps (engine default 20,000). */
export function instanceCacheSizeFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.DOSAR_INSTANCE_CACHE_SIZE;
  if (text === undefined || text === '') return undefined;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 0 || size > 10_000_000) {
    throw new AppError('bad-input', { ro: `DOSAR_INSTANCE_CACHE_SIZE="${text}" nu este un număr întreg între 0 și 10000000`, en: `DOSAR_INSTANCE_CACHE_SIZE="${text}" is not a whole number between 0 and 10000000` });
  }
  return size;
}

/** PGlite is single-process: a second process on the same folder would corrupt it, so refuse clearly. */
function lockDataDir(dataDir: string): () => void {
  const lock = join(dataDir, '.dosar.lock');
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !existsSync(lock)) throw unusableDataDir(dataDir, err as NodeJS.ErrnoException);
    const holder = Number(readFileSync(lock, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new AppError('conflict', `The embedded database in ${dataDir} is in use by another Dosar process (pid ${holder}). Stop it first, or set DATABASE_URL to share a PostgreSQL server.`);
    }
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

/** The data folder is a file, cannot be made or cannot be written: say which and why, not "internal error". */
function unusableDataDir(dataDir: string, err: NodeJS.ErrnoException): AppError {
  const why = { EEXIST: ['un fișier îi poartă numele', 'a file has its name'], ENOTDIR: ['o parte a căii este un fișier', 'part of the path is a file'], EACCES: ['lipsește dreptul de scriere', 'no permission to write'], EROFS: ['discul este doar pentru citire', 'the disk is read-only'] }[err.code ?? ''] ?? [err.message, err.message];
  return new AppError('bad-input', {
    ro: `Baza de date încorporată nu poate folosi dosarul ${dataDir} (DOSAR_DATA_DIR): ${why[0]}.`,
    en: `The embedded database cannot use the folder ${dataDir} (DOSAR_DATA_DIR): ${why[1]}.`,
  }, { cause: err });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
