import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { bpmn } from '../support/core-driver.ts';
import { CLI_TIMEOUT, useInstallation } from '../support/installation.ts';

const bin = fileURLToPath(new URL('../../bin/dosar.js', import.meta.url));

const WAITING = bpmn(`<bpmn:signal id="s" name="lege-noua" />
<bpmn:process id="asteapta-lege" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
  <bpmn:userTask id="review" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="wait" />
  <bpmn:sequenceFlow id="f1" sourceRef="wait" targetRef="review" />
  <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
</bpmn:process>`);

interface Result { code: number; stdout: string; stderr: string }

describe('dosar signal', function () {
  // Each command is its own process opening the database: slow on the embedded one.
  this.timeout(CLI_TIMEOUT);
  const installation = useInstallation({}, { scenario: true, migrated: true });

  function dosar(...args: string[]): Promise<Result> {
    return new Promise((resolve) => {
      execFile(process.execPath, [bin, ...args], { env: installation.env, cwd: installation.dir }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  }

  it('broadcasts a signal with its variables to every waiting instance', async () => {
    // given
    const file = join(installation.dir, 'asteapta-lege.bpmn');
    await writeFile(file, WAITING);
    expect((await dosar('deploy', file)).code).to.equal(0);
    const started = JSON.parse((await dosar('start', 'asteapta-lege', '--json')).stdout);
    // when
    const r = await dosar('signal', 'lege-noua', '--vars', '{"hcl":"HCL 12/2026"}', '--json');
    // then
    expect(r.code, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.equal({ signalName: 'lege-noua', deliveries: 1 });
    const view = JSON.parse((await dosar('instance', started.id, '--json')).stdout);
    expect(view.active).to.deep.equal(['review']);
    expect(view.variables).to.deep.equal({ hcl: 'HCL 12/2026' });
  });

  it('exits with 1 and says how to call it when the name is missing or the variables are not JSON', async () => {
    const missing = await dosar('signal');
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include('Usage: dosar signal <signalName>');
    const bad = await dosar('signal', 'lege-noua', '--vars', '{nope', '--json');
    expect(bad.code).to.equal(1);
    expect(JSON.parse(bad.stderr).error.code).to.equal('variables-invalid');
  });
});
