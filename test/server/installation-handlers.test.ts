import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { handlersFromEnv } from '../../server/installation-handlers.ts';
import { useInstallation } from '../support/installation.ts';

const main = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));

describe('DOSAR_HANDLERS', function () {
  this.timeout(60_000);
  const installation = useInstallation({ PORT: '0' });

  it('adds the handlers of the listed modules to the built-in ones (the engine\'s and Dosar\'s own)', async () => {
    const handlers = await handlersFromEnv({ DOSAR_HANDLERS: fixture('handlers/greet.ts') });
    expect(handlers.list().map((h) => h.name)).to.deep.equal(['noop', 'set-variables', 'situatie-fiscala', 'plata', 'rambursare-plata', 'greet']);
    expect((await handlersFromEnv({})).list().map((h) => h.name)).to.deep.equal(['noop', 'set-variables', 'situatie-fiscala', 'plata', 'rambursare-plata']);
  });

  it('stops `npm start` with a clear error when a module exports a handler without options schema', async () => {
    const env = { ...installation.env, DOSAR_HANDLERS: fixture('handlers-bad') };
    const { output, code } = await new Promise<{ output: string; code: number | null }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      child.stderr.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      child.on('exit', (exitCode) => resolve({ output: text, code: exitCode }));
    });
    expect(code).to.equal(1);
    expect(output).to.match(/^dosar: Handler module .*no-schema\.ts: Handler "careless" cannot be registered: it declares no optionsSchema/m);
    expect(output).not.to.match(/serving|\n\s+at /);
  });
});
