import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

const model = bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:inclusiveGateway id="fork" default="fDefault" />
  <bpmn:userTask id="tech" /><bpmn:userTask id="legal" /><bpmn:userTask id="basic" />
  <bpmn:inclusiveGateway id="join" />
  <bpmn:userTask id="after" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
  <bpmn:sequenceFlow id="fTech" sourceRef="fork" targetRef="tech"><bpmn:conditionExpression>needsTech</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="fLegal" sourceRef="fork" targetRef="legal"><bpmn:conditionExpression>needsLegal</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="fDefault" sourceRef="fork" targetRef="basic" />
  <bpmn:sequenceFlow id="j1" sourceRef="tech" targetRef="join" />
  <bpmn:sequenceFlow id="j2" sourceRef="legal" targetRef="join" />
  <bpmn:sequenceFlow id="j3" sourceRef="basic" targetRef="join" />
  <bpmn:sequenceFlow id="f9" sourceRef="join" targetRef="after" />
</bpmn:process>`);

describe('inclusiveGateway behaviour', () => {
  it('forks onto every flow whose condition is true', async () => {
    const d = (await CoreDriver.fromXml(model)).start({ needsTech: true, needsLegal: true });
    expect(d.openTaskElements()).to.deep.equal(['legal', 'tech']);
  });

  it('takes the default flow when no condition is true', async () => {
    const d = (await CoreDriver.fromXml(model)).start({ needsTech: false, needsLegal: false });
    expect(d.openTaskElements()).to.deep.equal(['basic']);
  });

  it('joins only the branches that were taken', async () => {
    const d = (await CoreDriver.fromXml(model)).start({ needsTech: true, needsLegal: false });
    d.completeTask('tech');
    expect(d.openTaskElements()).to.deep.equal(['after']);
  });

  it('waits for a branch that is still running', async () => {
    const d = (await CoreDriver.fromXml(model)).start({ needsTech: true, needsLegal: true });
    d.completeTask('legal');
    expect(d.openTaskElements()).to.deep.equal(['tech']);
    d.completeTask('tech');
    expect(d.openTaskElements()).to.deep.equal(['after']);
  });
});
