import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

const model = bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:parallelGateway id="fork" />
  <bpmn:userTask id="a" /><bpmn:userTask id="b" />
  <bpmn:parallelGateway id="join" />
  <bpmn:userTask id="after" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
  <bpmn:sequenceFlow id="f1" sourceRef="fork" targetRef="a" />
  <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="b" />
  <bpmn:sequenceFlow id="f3" sourceRef="a" targetRef="join" />
  <bpmn:sequenceFlow id="f4" sourceRef="b" targetRef="join" />
  <bpmn:sequenceFlow id="f5" sourceRef="join" targetRef="after" />
</bpmn:process>`);

describe('parallelGateway behaviour', () => {
  it('forks a token onto every outgoing flow', async () => {
    const d = (await CoreDriver.fromXml(model)).start();
    expect(d.openTaskElements()).to.deep.equal(['a', 'b']);
  });

  it('waits at the join until every branch has arrived', async () => {
    const d = (await CoreDriver.fromXml(model)).start().completeTask('a');
    expect(d.openTaskElements()).to.deep.equal(['b']);
    expect(d.activeElements()).to.deep.equal(['b', 'join']);
  });

  it('moves one token on once all branches have joined', async () => {
    const d = (await CoreDriver.fromXml(model)).start().completeTask('b').completeTask('a');
    expect(d.openTaskElements()).to.deep.equal(['after']);
    expect(d.activeElements()).to.deep.equal(['after']);
  });
});
