import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

function xml(sequential: boolean, completion = ''): string {
  return bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="opinion" dosar:assignee="=reviewer">
    <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=reviewers" inputElement="reviewer" outputCollection="opinions" outputElement="=opinion" /></bpmn:extensionElements>
    <bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}">${completion}</bpmn:multiInstanceLoopCharacteristics>
  </bpmn:userTask>
  <bpmn:userTask id="after" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="opinion" />
  <bpmn:sequenceFlow id="f1" sourceRef="opinion" targetRef="after" />
</bpmn:process>`);
}

describe('multi-instance user task', () => {
  it('creates one task per item at once when parallel', async () => {
    const d = (await CoreDriver.fromXml(xml(false))).start({ reviewers: ['ana', 'ion', 'maria'] });
    expect([...d.tasks.values()].map((t) => t.assignee).sort()).to.deep.equal(['ana', 'ion', 'maria']);
  });

  it('collects every output in item order and moves on', async () => {
    const d = (await CoreDriver.fromXml(xml(false))).start({ reviewers: ['ana', 'ion'] });
    const [first, second] = [...d.tasks.values()];
    d.run({ type: 'completeTask', taskId: second!.id, variables: { opinion: 'no' } });
    d.run({ type: 'completeTask', taskId: first!.id, variables: { opinion: 'yes' } });
    expect(d.variables.opinions).to.deep.equal(['yes', 'no']);
    expect(d.openTaskElements()).to.deep.equal(['after']);
  });

  it('creates tasks one after another when sequential', async () => {
    const d = (await CoreDriver.fromXml(xml(true))).start({ reviewers: ['ana', 'ion'] });
    expect([...d.tasks.values()].map((t) => t.assignee)).to.deep.equal(['ana']);
    d.completeTask('opinion', { opinion: 'yes' });
    expect([...d.tasks.values()].map((t) => t.assignee)).to.deep.equal(['ion']);
  });

  it('stops early when the completion condition holds', async () => {
    const cond = '<bpmn:completionCondition>=nrOfCompletedInstances &gt;= 1</bpmn:completionCondition>';
    const d = (await CoreDriver.fromXml(xml(false, cond))).start({ reviewers: ['ana', 'ion', 'maria'] });
    d.completeTask('opinion', { opinion: 'yes' });
    expect(d.openTaskElements()).to.deep.equal(['after']);
  });
});
