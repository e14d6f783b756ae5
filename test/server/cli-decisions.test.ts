import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CLI_TIMEOUT, dosarJson, useInstallation } from '../support/installation.ts';

const feeTable = fileURLToPath(new URL('../fixtures/dmn/taxa-certificat-urbanism.dmn', import.meta.url));
const model = fileURLToPath(new URL('../fixtures/dmn/calcul-taxa.bpmn', import.meta.url));

/** `dosar deploy` with .dmn files, as people and scripts run it: a separate process per command. */
describe('dosar deploy with DMN files', function () {
  this.timeout(CLI_TIMEOUT);
  const installation = useInstallation({ DOSAR_CLOCK: 'manual' }, { scenario: true, migrated: true });

  const json = (...args: string[]) => dosarJson(installation, ...args);

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
