import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
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

/** `dosar deploy <folder>`: a procedure package as it lies under procedures/, forms and catalogue data included. */
describe('dosar deploy with a procedure folder', function () {
  this.timeout(CLI_TIMEOUT);
  const installation = useInstallation({}, { scenario: true, migrated: true });

  it('deploys the whole package (its forms read: one missing is refused), and says plainly when a path is neither a file nor a folder', async () => {
    const folder = fileURLToPath(new URL('../../procedures/petitie', import.meta.url));
    const deployed = await dosarJson(installation, 'deploy', folder);
    expect(deployed.deployed).to.deep.equal([{ key: 'petitie', version: 1, id: deployed.deployed[0].id }]);
    const copy = join(installation.dir, 'petitie-fara-triere');
    await cp(folder, copy, { recursive: true });
    await rm(join(copy, 'forms', 'triere.schema.json'));
    const refused = await dosarJson(installation, 'deploy', copy).then(() => '', (err: Error) => err.message);
    expect(refused).to.contain('form-missing').and.to.contain('triere');
    const missing = await dosarJson(installation, 'deploy', `${folder}-nu-exista`).then(() => '', (err: Error) => err.message);
    expect(missing).to.contain('no such file or folder');
  });
});
