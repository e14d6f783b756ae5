import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { bpmn } from '../support/core-driver.ts';
import { CLI_TIMEOUT, useInstallation } from '../support/installation.ts';

const bin = fileURLToPath(new URL('../../bin/dosar.js', import.meta.url));

const CONDITIONAL = bpmn(`
<bpmn:process id="suma-mare" isExecutable="true">
  <bpmn:startEvent id="cand"><bpmn:conditionalEventDefinition><bpmn:condition>=suma &gt; 1000</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
  <bpmn:userTask id="review" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="cand" targetRef="review" />
  <bpmn:sequenceFlow id="f1" sourceRef="review" targetRef="end" />
</bpmn:process>`);

interface Result { code: number; stdout: string; stderr: string }

describe('dosar conditions', function () {
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

  it('starts the procedures whose conditional start holds for the variables', async () => {
    // given
    const file = join(installation.dir, 'suma-mare.bpmn');
    await writeFile(file, CONDITIONAL);
    expect((await dosar('deploy', file)).code).to.equal(0);
    // when
    const none = await dosar('conditions', '--vars', '{"suma":10}', '--json');
    const r = await dosar('conditions', '--vars', '{"suma":5000}', '--json');
    // then
    expect(JSON.parse(none.stdout)).to.deep.equal({ started: [] });
    expect(r.code, r.stderr).to.equal(0);
    const { started } = JSON.parse(r.stdout) as { started: Array<{ id: string; key: string }> };
    expect(started.map((s) => s.key)).to.deep.equal(['suma-mare']);
    const view = JSON.parse((await dosar('instance', started[0]!.id, '--json')).stdout);
    expect(view.active).to.deep.equal(['review']);
  });

  it('exits with 1 and says how to call it when the variables are missing', async () => {
    const missing = await dosar('conditions');
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include('Usage: dosar conditions --vars');
  });
});
