import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CLI_TIMEOUT, dosarJson, useInstallation } from '../support/installation.ts';

const model = fileURLToPath(new URL('../../procedures/autorizatie-functionare/autorizatie-functionare.bpmn', import.meta.url));

/** The operating authorisation from the command line: its legal clock starts at registration. */
describe('dosar CLI with autorizatie-functionare', function () {
  this.timeout(CLI_TIMEOUT);
  const installation = useInstallation({ DOSAR_CLOCK: 'manual' }, { scenario: true, migrated: true });

  const json = (...args: string[]) => dosarJson(installation, ...args);

  it('starts with empty variables, shows the 30-day due date, and records tacit approval after a tick', async () => {
    await json('deploy', model, '--at', '2026-03-02T08:00:00Z');
    const started = await json('start', 'autorizatie-functionare', '--vars', '{}', '--at', '2026-03-02T08:00:00Z');
    // Mon 2026-03-02 + 30 calendar days = Wed 2026-04-01 (OUG 27/2003 art. 6 alin. (2))
    const view = await json('instance', started.id);
    expect(view.clock).to.include({ state: 'running', due: '2026-04-01' });
    expect(view.active).to.deep.equal(['verificare']);
    // past 00:00 Thu 04-02 in Bucharest: the notice window closed (03-23) and the term expired
    await json('tick', '--at', '2026-03-23T08:00:00Z');
    await json('tick', '--at', '2026-04-02T08:00:00Z');
    const after = await json('instance', started.id);
    expect(after.active).to.deep.equal(['eliberare']);
    expect(after.variables).to.deep.include({ tacitApproval: true });
  });
});
