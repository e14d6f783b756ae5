import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CLI_TIMEOUT, dosarJson, useInstallation } from '../support/installation.ts';

const model = fileURLToPath(new URL('../../procedures/atestare-fiscala/atestare-fiscala.bpmn', import.meta.url));
const taxCsv = fileURLToPath(new URL('../fixtures/taxes/situatie-fiscala.csv', import.meta.url));

/** `dosar start atestare-fiscala --vars '{}'`: the legal clock starts at registration, before any data is read. */
describe('dosar CLI and the atestare-fiscala procedure', function () {
  this.timeout(CLI_TIMEOUT);
  const installation = useInstallation({ DOSAR_CLOCK: 'manual', DOSAR_TAX_CSV: taxCsv }, { scenario: true, migrated: true });

  const json = (...args: string[]) => dosarJson(installation, ...args);

  it('registers an instance with no data whose clock is due 2 working days later, past the new year', async () => {
    await json('deploy', model, '--at', '2026-12-31T08:00:00Z');
    const started = await json('start', 'atestare-fiscala', '--vars', '{}', '--at', '2026-12-31T08:00:00Z');
    expect(started.status).to.equal('active');
    const view = await json('instance', started.id);
    // Thu 2026-12-31 + 2 working days: 1-2 January are holidays, 3 January a Sunday -> Tue 2027-01-05
    expect(view.clock.due).to.equal('2027-01-05');
    expect(view.clock.term).to.include({ source: 'Legea 207/2015 art. 159 alin. (3)' });
  });
});
