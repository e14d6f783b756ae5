import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clockFromEnv } from '../engine/clock.ts';
import { Engine } from '../engine/engine.ts';
import { AppError } from '../engine/errors.ts';
import { builtInHandlers, type HandlerRegistry } from '../engine/jobs/handlers.ts';
import { createEnginePort } from '../engine/store/engine-port.ts';
import { openDatabase, type Database } from '../engine/store/database.ts';

export interface OpenedEngine {
  engine: Engine;
  db: Database;
  close: () => Promise<void>;
}

/**
 * Opens the configured database (DATABASE_URL, else the embedded one in DOSAR_DATA_DIR), applies
 * migrations and builds an engine on it with the environment's clock.
 */
export async function openEngine(options: { at?: string; handlers?: HandlerRegistry; env?: NodeJS.ProcessEnv } = {}): Promise<OpenedEngine> {
  const env = options.env ?? process.env;
  const clock = clockFromEnv(options.at, env);
  const url = env.DATABASE_URL || undefined;
  const dataDir = resolve(env.DOSAR_DATA_DIR ?? './data');
  const release = url ? () => undefined : lockDataDir(dataDir);
  let db: Database | undefined;
  try {
    db = await openDatabase(url ? { url, ...(env.DOSAR_DB_SCHEMA ? { schema: env.DOSAR_DB_SCHEMA } : {}) } : { dataDir });
    await db.migrate();
  } catch (err) {
    // An open database keeps the process alive: a failed start must end, not hang.
    await db?.close().catch(() => undefined);
    release();
    throw err;
  }
  const engine = new Engine({ store: createEnginePort(db), clock, handlers: options.handlers ?? builtInHandlers() });
  return {
    engine,
    db,
    close: async () => {
      await db.close();
      release();
    },
  };
}

/** PGlite is single-process: a second process on the same folder would corrupt it, so refuse clearly. */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(dataDir, '.dosar.lock');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lock, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new AppError('conflict', `The embedded database in ${dataDir} is in use by another Dosar process (pid ${holder}). Stop it first, or set DATABASE_URL to share a PostgreSQL server.`);
    }
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
