import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { useInstallation } from '../support/installation.ts';

const bin = fileURLToPath(new URL('../../bin/dosar.js', import.meta.url));
const model = fileURLToPath(new URL('../../procedures/sesizare/sesizare.bpmn', import.meta.url));

/** A public-space report from the command line: the 30-day clock starts at registration, before any data. */
describe('dosar CLI with sesizare', function () {
  this.timeout(240_000);
  const installation = useInstallation({ DOSAR_CLOCK: 'manual' });

  function json(...args: string[]): Promise<any> {
    return new Promise((resolve, reject) => {
      execFile(process.execPath, [bin, ...args, '--json'], { env: installation.env, cwd: installation.dir }, (error, stdout, stderr) => {
        if (error) reject(new Error(`dosar ${args.join(' ')}: ${stderr}`));
        else resolve(JSON.parse(stdout.trim()));
      });
    });
  }

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
