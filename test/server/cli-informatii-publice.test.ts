import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CLI_TIMEOUT, dosarJson, useInstallation } from '../support/installation.ts';

const model = fileURLToPath(new URL('../../procedures/informatii-publice/informatii-publice.bpmn', import.meta.url));

/** Legea 544/2001 from the command line: the 10-day clock starts at registration, before any data. */
describe('dosar CLI with informatii-publice', function () {
  this.timeout(CLI_TIMEOUT);
  const installation = useInstallation({ DOSAR_CLOCK: 'manual' }, { scenario: true, migrated: true });

  const json = (...args: string[]) => dosarJson(installation, ...args);

  it('starts with no data and shows the 10-day due date in clock.due, moved past Easter 2027', async () => {
    await json('deploy', model, '--at', '2027-04-20T08:00:00Z');
    const started = await json('start', 'informatii-publice', '--vars', '{}', '--at', '2027-04-21T09:00:00Z');
    expect(started.status).to.equal('active');
    const view = await json('instance', started.id);
    // Wed 2027-04-21 + 10 days = Sat 05-01 (Labour Day); 05-02 Easter, 05-03 Easter Monday -> Tue 2027-05-04
    expect(view.clock).to.deep.include({ state: 'running', due: '2027-05-04' });
    expect(view.active).to.deep.equal(['analiza']);
  });
});
