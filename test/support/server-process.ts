import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildDesigner, designerNeedsBuild } from '../../designer/build.ts';
import { openDatabase, type Database } from '../../engine/index.ts';
import { createApiToken } from '../../server/auth/tokens.ts';
import { createUser, type Role } from '../../server/auth/users.ts';

/**
 * Dosar as real `npm start` processes (server/main.ts) for the reliability suite: each in its own
 * process group (so kill -9 takes all of it), on 127.0.0.1 and a free port, with its own data,
 * uploads and outbox folders, on one PostgreSQL schema shared by every process of an installation.
 *
 *   const inst = await createInstallation();            // fresh schema + folders
 *   const a = await inst.start();                      // resolves when GET /health answers 200
 *   a.kill9(); const b = await inst.start({ port: a.port });
 *   await inst.destroy();                              // kills what is left, drops the schema
 */
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  pid: number;
  port: number;
  base: string;
  /** The last 64 KB of what the process wrote to stdout and stderr. */
  output(): string;
  /** SIGKILL to the whole process group; resolves once the process has exited. */
  kill9(): Promise<void>;
  /** SIGTERM (Ctrl+C's path: finish, give leased jobs back); SIGKILL after 10 s. */
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

export interface Installation {
  schema: string;
  url: string;
  dir: string;
  /** A connection of the test itself, for counting rows and creating accounts (opened by the first start). */
  db(): Database;
  start(options?: { port?: number; args?: string[]; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ServerProcess>;
  /** An account and a personal access token for it, written straight into the installation's database. */
  account(email: string, role: Role, departments?: string[]): Promise<{ email: string; token: string; password: string }>;
  /** Kills every process started and still running, drops the schema, removes the folders. */
  destroy(): Promise<void>;
}

/** Every process any installation started, so a failing suite still leaves none behind. */
const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
}

process.on('exit', () => { for (const child of running) killGroup(child); });

export function killAllServerProcesses(): void {
  for (const child of running) killGroup(child);
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let designerReady: Promise<void> | undefined;

/** server/main.ts builds the designer bundle when it is missing; build it once here so racing starts do not. */
function ensureDesigner(): Promise<void> {
  designerReady ??= (async () => {
    const dir = join(ROOT, 'designer/dist');
    if (await designerNeedsBuild(dir)) await buildDesigner(dir);
  })();
  return designerReady;
}

export async function createInstallation(): Promise<Installation> {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const schema = `rel_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const dir = await mkdtemp(join(tmpdir(), 'dosar-rel-'));
  const mine = new Set<ChildProcess>();
  let db: Database | undefined;
  await ensureDesigner();

  const inst: Installation = {
    schema, url, dir,
    db() {
      if (!db) throw new Error('start a server first: it migrates the schema');
      return db;
    },
    async start(options = {}) {
      const port = options.port ?? await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: url,
        DOSAR_DB_SCHEMA: schema,
        PORT: String(port),
        HOST: '127.0.0.1',
        DOSAR_DATA_DIR: join(dir, 'data'),
        DOSAR_UPLOADS_DIR: join(dir, 'uploads'),
        DOSAR_OUTBOX_DIR: join(dir, 'outbox'),
        DOSAR_SMTP_URL: '',
        ...options.env,
      };
      delete env.DOSAR_SMTP_URL;
      delete env.DOSAR_CLOCK;
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...(options.args ?? [])], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      running.add(child);
      mine.add(child);
      let out = '';
      const keep = (chunk: Buffer) => { out = (out + chunk.toString()).slice(-65_536); };
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { running.delete(child); mine.delete(child); resolve(code); }));
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + (options.timeoutMs ?? 60_000);
      let gone = false;
      void exited.then(() => { gone = true; });
      for (;;) {
        if (gone) throw new Error(`the server exited before it answered /health:\n${out}`);
        if (Date.now() > deadline) {
          killGroup(child);
          throw new Error(`the server did not answer /health within ${options.timeoutMs ?? 60_000} ms:\n${out}`);
        }
        const ok = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) }).then((r) => r.status === 200, () => false);
        if (ok) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      db ??= await openDatabase({ url, schema });
      return {
        pid: child.pid!, port, base, exited,
        output: () => out,
        async kill9() {
          killGroup(child);
          await exited;
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const timer = setTimeout(() => killGroup(child), 10_000);
          await exited;
          clearTimeout(timer);
        },
      };
    },
    async account(email, role, departments = []) {
      const password = `parola-${randomUUID()}`;
      const user = await createUser(inst.db(), { email, role, password, departments }, new Date());
      return { email, password, token: await createApiToken(inst.db(), user.id, new Date()) };
    },
    async destroy() {
      for (const child of mine) killGroup(child);
      await db?.close().catch(() => undefined);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return inst;
}

/** Whether a PostgreSQL server is configured (DATABASE_URL); the multi-process parts need one. */
export function postgresConfigured(): boolean {
  return Boolean(process.env.DATABASE_URL);
}
