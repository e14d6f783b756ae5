import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import pg from 'pg';

const main = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

/** Runs `npm start`'s entry point until it reports that it runs, then stops it like Ctrl+C. */
function startOnce(env: NodeJS.ProcessEnv): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no start within 60 s:\n${output}`)); }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ctrl+C')) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ output, code }); });
  });
}

describe('npm start', function () {
  this.timeout(150_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let schema: string | undefined;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dosar-start-'));
    env = { ...process.env, DOSAR_DATA_DIR: join(dir, 'data') };
    if (process.env.DATABASE_URL) env.DOSAR_DB_SCHEMA = schema = `start_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
    if (schema) {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  });

  it('migrates, deploys the built-in procedures, runs, and stops cleanly', async () => {
    const first = await startOnce(env);
    expect(first.output).to.match(/deployed petitie version 1/);
    expect(first.code).to.equal(0);
  });

  it('does not deploy an unchanged procedure again on restart', async () => {
    const second = await startOnce(env);
    expect(second.output).not.to.match(/deployed petitie/);
    expect(second.output).to.match(/running/);
    expect(second.code).to.equal(0);
  });
});
