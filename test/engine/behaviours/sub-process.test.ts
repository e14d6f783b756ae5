import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

const xml = bpmn(`
<bpmn:error id="e1" errorCode="INCOMPLETE" />
<bpmn:message id="m1" name="cancel" />
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:subProcess id="sub">
    <bpmn:startEvent id="subStart" />
    <bpmn:userTask id="check" />
    <bpmn:exclusiveGateway id="ok" default="fine" />
    <bpmn:endEvent id="subEnd" />
    <bpmn:endEvent id="subError"><bpmn:errorEventDefinition errorRef="e1" /></bpmn:endEvent>
    <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="check" />
    <bpmn:sequenceFlow id="s2" sourceRef="check" targetRef="ok" />
    <bpmn:sequenceFlow id="fine" sourceRef="ok" targetRef="subEnd" />
    <bpmn:sequenceFlow id="bad" sourceRef="ok" targetRef="subError"><bpmn:conditionExpression>missing</bpmn:conditionExpression></bpmn:sequenceFlow>
  </bpmn:subProcess>
  <bpmn:boundaryEvent id="onIncomplete" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="e1" /></bpmn:boundaryEvent>
  <bpmn:userTask id="askCitizen" />
  <bpmn:userTask id="decide" />
  <bpmn:subProcess id="onCancel" triggeredByEvent="true">
    <bpmn:startEvent id="cancelStart"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:startEvent>
    <bpmn:userTask id="archive" />
    <bpmn:sequenceFlow id="c1" sourceRef="cancelStart" targetRef="archive" />
  </bpmn:subProcess>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="sub" />
  <bpmn:sequenceFlow id="f1" sourceRef="sub" targetRef="decide" />
  <bpmn:sequenceFlow id="f2" sourceRef="onIncomplete" targetRef="askCitizen" />
</bpmn:process>`);

describe('embedded sub-process', () => {
  it('runs its inner flow and continues after it', async () => {
    const d = (await CoreDriver.fromXml(xml)).start();
    expect(d.openTaskElements()).to.deep.equal(['check']);
    d.completeTask('check', { missing: false });
    expect(d.openTaskElements()).to.deep.equal(['decide']);
  });

  it('passes an error end event to the boundary on the sub-process', async () => {
    const d = (await CoreDriver.fromXml(xml)).start().completeTask('check', { missing: true });
    expect(d.openTaskElements()).to.deep.equal(['askCitizen']);
    expect(d.state!.scopes.map((s) => s.kind)).to.deep.equal(['process']);
  });
});

describe('event sub-process', () => {
  it('interrupts the whole process when its message start is correlated', async () => {
    const d = (await CoreDriver.fromXml(xml)).start().correlate('cancel');
    expect(d.openTaskElements()).to.deep.equal(['archive']);
    d.completeTask('archive');
    expect(d.status).to.equal('completed');
  });
});
