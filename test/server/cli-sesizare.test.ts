import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CLI_TIMEOUT, dosarJson, useInstallation } from '../support/installation.ts';

const model = fileURLToPath(new URL('../../procedures/sesizare/sesizare.bpmn', import.meta.url));

/** A public-space report from the command line: the 30-day clock starts at registration, before any data. */
describe('dosar CLI with sesizare', function () {
  this.timeout(CLI_TIMEOUT);
  const installation = useInstallation({ DOSAR_CLOCK: 'manual' }, { scenario: true, migrated: true });

  const json = (...args: string[]) => dosarJson(installation, ...args);

  it('starts with no data, routes to the registry and shows the 30-day due date in clock.due', async () => {
    await json('deploy', model, '--at', '2027-03-30T08:00:00Z');
    const started = await json('start', 'sesizare', '--vars', '{}', '--at', '2027-04-02T09:00:00Z');
    expect(started.status).to.equal('active');
    const view = await json('instance', started.id);
    // Fri 2027-04-02 + 30 days = Sun 05-02 (Orthodox Easter); Mon 05-03 Easter Monday -> Tue 2027-05-04
    expect(view.clock).to.deep.include({ state: 'running', due: '2027-05-04' });
    expect(view.active).to.deep.equal(['rezolvare']);
  });
});
