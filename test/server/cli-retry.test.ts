import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CLI_TIMEOUT, dosarJson, useInstallation } from '../support/installation.ts';

const handlers = fileURLToPath(new URL('../fixtures/handlers-flaky', import.meta.url));
const MODEL = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dosar="http://dosar.ro/schema/bpmn" id="d" targetNamespace="x">
  <bpmn:process id="inregistrare" isExecutable="true">
    <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="registru"/>
    <bpmn:serviceTask id="registru" name="Înregistrare în registrul extern" dosar:handler="registru-extern" dosar:retries="1"/>
    <bpmn:sequenceFlow id="f2" sourceRef="registru" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;

/** `dosar retry`: an operator sends a failed service task's job round again once the outside system is back. */
describe('dosar retry', function () {
  this.timeout(CLI_TIMEOUT);
  const down = join(process.cwd(), `.registry-down-${process.pid}`);
  const installation = useInstallation({ DOSAR_HANDLERS: handlers, DOSAR_TEST_REGISTRY_DOWN: down }, { scenario: true, migrated: true });
  const json = (...args: string[]) => dosarJson(installation, ...args);
  const failure = (...args: string[]) => json(...args).then(() => '', (err: Error) => err.message);
  after(() => rm(down, { force: true }));

  it('runs the job of an incident again once its system is back, and refuses an instance with no incident', async () => {
    // given: the outside registry is down and the job has used its one attempt
    await writeFile(down, '');
    const model = join(installation.dir, 'inregistrare.bpmn');
    await writeFile(model, MODEL);
    await json('deploy', model);
    const { id } = await json('start', 'inregistrare');
    await json('tick');
    const failed = await json('instance', id);
    expect(failed.status).to.equal('incident');
    expect(failed.incident).to.include({ elementId: 'registru' }).and.to.have.property('message').that.contains('nu răspunde');
    // when: it is back and the operator retries
    await rm(down);
    const retried = await json('retry', id);
    await json('tick');
    // then
    expect(retried).to.include({ id, status: 'active' });
    const done = await json('instance', id);
    expect(done.status).to.equal('completed');
    expect(done.variables.inregistrat).to.equal(true);
    expect(await failure('retry', id)).to.contain('no incident');
  });
});
