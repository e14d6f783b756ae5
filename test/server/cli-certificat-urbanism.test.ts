import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CLI_TIMEOUT, dosarJson, useInstallation } from '../support/installation.ts';

const dir = new URL('../../procedures/certificat-urbanism/', import.meta.url);
const model = fileURLToPath(new URL('certificat-urbanism.bpmn', dir));
const feeTable = fileURLToPath(new URL('taxa-certificat-urbanism.dmn', dir));

/** An urban planning certificate from the command line: the 15-working-day clock starts at registration, before any data. */
describe('dosar CLI with certificat-urbanism', function () {
  this.timeout(CLI_TIMEOUT);
  const installation = useInstallation({ DOSAR_CLOCK: 'manual' }, { scenario: true, migrated: true });

  const json = (...args: string[]) => dosarJson(installation, ...args);

  it('deploys with its fee table, starts with no data and shows the 15-working-day due date in clock.due', async () => {
    const deployed = await json('deploy', model, feeTable, '--at', '2027-04-20T08:00:00Z');
    expect(deployed.decisions.map((d: { key: string }) => d.key)).to.deep.equal(['taxaCertificatUrbanismTeren']);
    const started = await json('start', 'certificat-urbanism', '--vars', '{}', '--at', '2027-04-26T07:00:00Z');
    expect(started.status).to.equal('active');
    const view = await json('instance', started.id);
    // Mon 2027-04-26 + 15 working days, past Good Friday 04-30, 1 May, Easter 05-02 and Easter Monday 05-03: Wed 2027-05-19
    expect(view.clock).to.deep.include({ state: 'running', due: '2027-05-19' });
    expect(view.clock.term).to.include({ source: 'Legea 50/1991, modificată prin Legea 193/2019' });
  });
});
