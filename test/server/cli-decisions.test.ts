import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { useInstallation } from '../support/installation.ts';

const bin = fileURLToPath(new URL('../../bin/dosar.js', import.meta.url));
const feeTable = fileURLToPath(new URL('../fixtures/dmn/taxa-certificat-urbanism.dmn', import.meta.url));
const model = fileURLToPath(new URL('../fixtures/dmn/calcul-taxa.bpmn', import.meta.url));

/** `dosar deploy` with .dmn files, as people and scripts run it: a separate process per command. */
describe('dosar deploy with DMN files', function () {
  this.timeout(300_000);
  const installation = useInstallation({ DOSAR_CLOCK: 'manual' });

  function json(...args: string[]): Promise<any> {
    return new Promise((resolve, reject) => {
      execFile(process.execPath, [bin, ...args, '--json'], { env: installation.env, cwd: installation.dir }, (error, stdout, stderr) => {
        if (error) reject(new Error(stderr || stdout));
        else resolve(JSON.parse(stdout.trim()));
      });
    });
  }

  it('deploys a decision table alone, then a model calling it, each decision versioned', async () => {
    const first = await json('deploy', feeTable);
    expect(first.decisions.map((d: { key: string; version: number }) => `${d.key}@${d.version}`)).to.deep.equal(['taxaCertificatUrbanism@1', 'taxaCertificat@1']);
    const second = await json('deploy', model, feeTable);
    expect(second.decisions.map((d: { version: number }) => d.version)).to.deep.equal([2, 2]);
    expect(second.deployed[0]).to.include({ key: 'calcul-taxa', version: 1 });
    const started = await json('start', 'calcul-taxa', '--vars', '{"suprafata": 100, "mediu": "rural"}');
    const shown = await json('instance', started.id);
    expect(shown.variables.taxa).to.equal(3);
  });
});
