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

  it('passes a completion\'s new variables to the process, keeping the item and loopCounter local (Camunda 7 and 8 alike)', async () => {
    const c7 = bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="review" camunda:assignee="\${reviewer}">
    <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="\${reviewers}" camunda:elementVariable="reviewer">
      <bpmn:completionCondition>\${approved}</bpmn:completionCondition>
    </bpmn:multiInstanceLoopCharacteristics>
  </bpmn:userTask>
  <bpmn:exclusiveGateway id="g" default="no" />
  <bpmn:userTask id="publish" /><bpmn:endEvent id="rejected" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="review" />
  <bpmn:sequenceFlow id="f1" sourceRef="review" targetRef="g" />
  <bpmn:sequenceFlow id="yes" sourceRef="g" targetRef="publish"><bpmn:conditionExpression>\${approved}</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="no" sourceRef="g" targetRef="rejected" />
</bpmn:process>`);
    const d = (await CoreDriver.fromXml(c7)).start({ reviewers: ['ana', 'ion', 'maria'] });
    d.completeTask('review', { approved: false, note: 'de refăcut' });
    expect([...d.tasks.values()].map((t) => t.assignee)).to.deep.equal(['ion']);
    d.completeTask('review', { approved: true });
    expect(d.openTaskElements()).to.deep.equal(['publish']);
    expect(d.variables).to.include({ approved: true, note: 'de refăcut' });
    expect(d.variables).to.not.have.any.keys('reviewer', 'loopCounter');
  });
});
