import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * A throwaway Dosar installation for tests that run Dosar as separate processes: its own embedded
 * data folder, or (with DATABASE_URL) its own PostgreSQL schema, removed after the suite.
 *
 * A `scenario` suite plays a procedure or feature through the command line; what it checks does not
 * depend on the database kind (the engine and store suites check that on both), so CI runs it once,
 * in the PGlite run, and DOSAR_CLI_SCENARIOS=off skips it in the other (.ci/run).
 *
 * `migrated`: the embedded database starts as a copy of one that a `dosar` command created and
 * migrated once per test process, so the suite's first command does not pay for creating its own
 * (seconds). Suites that check a first start leave it off.
 */
export function useInstallation(extraEnv: NodeJS.ProcessEnv = {}, options: { scenario?: boolean; migrated?: boolean } = {}): { dir: string; env: NodeJS.ProcessEnv } {
  const ctx = {} as { dir: string; env: NodeJS.ProcessEnv };
  let schema: string | undefined;
  before(async function () {
    if (options.scenario && process.env.DOSAR_CLI_SCENARIOS === 'off') this.skip();
    ctx.dir = await mkdtemp(join(tmpdir(), 'dosar-'));
    ctx.env = { ...process.env, DOSAR_DATA_DIR: join(ctx.dir, 'data'), ...extraEnv };
    if (process.env.DATABASE_URL) ctx.env.DOSAR_DB_SCHEMA = schema = `inst_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    else if (options.migrated) await cp(await migratedDataDir(), ctx.env.DOSAR_DATA_DIR!, { recursive: true });
  });
  after(async () => {
    if (!ctx.dir) return;
    await rm(ctx.dir, { recursive: true, force: true });
    if (!schema) return;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });
  return ctx;
}

let template: Promise<string> | undefined;

/** An embedded data folder that `dosar tasks` created and migrated, made once per process and removed at its exit. */
function migratedDataDir(): Promise<string> {
  template ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dosar-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await dosarJson({ dir, env: { ...process.env, DOSAR_DATA_DIR: join(dir, 'data') } }, 'tasks');
    return join(dir, 'data');
  })();
  return template;
}

/**
 * Each `dosar` command starts the embedded database in its own process: seconds apiece, and tens
 * of seconds on a machine running both test suites side by side, so CLI suites allow this much.
 */
export const CLI_TIMEOUT = 300_000;

const BIN = fileURLToPath(new URL('../../bin/dosar.js', import.meta.url));

/** Runs `dosar <args> --json` in the installation and parses what it prints; a failure rejects with its stderr. */
export async function dosarJson(installation: { dir: string; env: NodeJS.ProcessEnv }, ...args: string[]): Promise<any> {
  return JSON.parse((await dosarText(installation, ...args, '--json')).trim());
}

/** Runs `dosar <args>` in the installation and gives what it prints for a person; a failure rejects with its stderr. */
export function dosarText(installation: { dir: string; env: NodeJS.ProcessEnv }, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { env: installation.env, cwd: installation.dir }, (error, stdout, stderr) => {
      if (error) reject(new Error(`dosar ${args.join(' ')}: ${stderr}`));
      else resolve(stdout);
    });
  });
}
