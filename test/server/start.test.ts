import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CLI_TIMEOUT, useInstallation } from '../support/installation.ts';

const main = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

/** Runs `npm start`'s entry point until it reports that it runs, then stops it like Ctrl+C. */
function startOnce(env: NodeJS.ProcessEnv): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stopped = false;
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no start within 60 s:\n${output}`)); }, 60_000);
    // One SIGTERM, like one Ctrl+C: a second signal means "exit now" (code 1).
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!stopped && output.includes('Ctrl+C')) { stopped = true; child.kill('SIGTERM'); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ output, code }); });
  });
}

describe('npm start', function () {
  this.timeout(CLI_TIMEOUT);
  const installation = useInstallation({ PORT: '0' });

  it('migrates, deploys the built-in procedures, runs, and stops cleanly', async () => {
    const first = await startOnce(installation.env);
    expect(first.output).to.match(/deployed petitie version 1/);
    expect(first.output).to.match(/deployed informatii-publice version 1/);
    expect(first.code).to.equal(0);
  });

  it('does not deploy an unchanged procedure again on restart', async () => {
    const second = await startOnce(installation.env);
    expect(second.output).not.to.match(/deployed petitie/);
    expect(second.output).to.match(/serving/);
    expect(second.code).to.equal(0);
  });
});
