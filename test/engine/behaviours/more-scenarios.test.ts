import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

describe('scenarios a modeller draws', () => {
  it('runs a Camunda 8 model as drawn in Camunda Modeler', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud">
  <bpmn:process id="certificat" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="verificare" name="Verificare">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="urbanism" /><zeebe:taskSchedule dueDate="=now() + duration(&quot;P2D&quot;)" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="g" default="nu"><bpmn:incoming>f2</bpmn:incoming></bpmn:exclusiveGateway>
    <bpmn:serviceTask id="emitere"><bpmn:extensionElements><zeebe:taskDefinition type="emitere-certificat" retries="5" /><zeebe:taskHeaders><zeebe:header key="template" value="certificat" /></zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="verificare" />
    <bpmn:sequenceFlow id="f2" sourceRef="verificare" targetRef="g" />
    <bpmn:sequenceFlow id="da" sourceRef="g" targetRef="emitere"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">=aprobat = true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="nu" sourceRef="g" targetRef="e2" />
    <bpmn:sequenceFlow id="f3" sourceRef="emitere" targetRef="e1" />
  </bpmn:process>
</bpmn:definitions>`;
    const d = (await CoreDriver.fromXml(xml)).start();
    expect(d.task('verificare').candidateGroups).to.deep.equal(['urbanism']);
    expect(d.task('verificare').due).to.equal('2026-03-04T08:00:00.000Z');
    d.completeTask('verificare', { aprobat: true });
    const job = d.job('emitere');
    expect(job.handler).to.equal('emitere-certificat');
    expect(job.retries).to.equal(5);
    expect(job.payload).to.deep.include({ options: { template: 'certificat' } });
    d.completeJob('emitere');
    expect(d.status).to.equal('completed');
  });

  it('runs a Camunda 7 model with JUEL conditions and candidate groups', async () => {
    const xml = bpmn(`<bpmn:process id="c7" isExecutable="true">
      <bpmn:startEvent id="s" />
      <bpmn:userTask id="t" camunda:candidateGroups="registratura,juridic" />
      <bpmn:exclusiveGateway id="g" />
      <bpmn:endEvent id="big" /><bpmn:endEvent id="small" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="g" />
      <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="big"><bpmn:conditionExpression>\${suma &gt; 1000 &amp;&amp; !urgent}</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="f4" sourceRef="g" targetRef="small"><bpmn:conditionExpression>\${suma le 1000 || urgent}</bpmn:conditionExpression></bpmn:sequenceFlow>
    </bpmn:process>`);
    const d = (await CoreDriver.fromXml(xml)).start();
    expect(d.task('t').candidateGroups).to.deep.equal(['registratura', 'juridic']);
    d.completeTask('t', { suma: 5000, urgent: false });
    expect(d.completed('big')).to.equal(true);
  });

  it('runs a non-interrupting timer event sub-process beside the main flow', async () => {
    const xml = bpmn(`<bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="s" /><bpmn:userTask id="work" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" /><bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" />
      <bpmn:subProcess id="esp" triggeredByEvent="true">
        <bpmn:startEvent id="tick" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
        <bpmn:userTask id="remind" />
        <bpmn:sequenceFlow id="e1" sourceRef="tick" targetRef="remind" />
      </bpmn:subProcess>
    </bpmn:process>`);
    const d = (await CoreDriver.fromXml(xml)).start().fireTimerAt('tick');
    expect(d.openTaskElements()).to.deep.equal(['remind', 'work']);
    d.completeTask('remind');
    expect(d.status).to.equal('active');
    d.completeTask('work');
    expect(d.status).to.equal('completed');
  });

  it('runs a parallel multi-instance sub-process with a cardinality', async () => {
    const xml = bpmn(`<bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="s" />
      <bpmn:subProcess id="sub">
        <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>=copies</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
        <bpmn:startEvent id="ss" /><bpmn:userTask id="sign" /><bpmn:endEvent id="se" />
        <bpmn:sequenceFlow id="s1" sourceRef="ss" targetRef="sign" /><bpmn:sequenceFlow id="s2" sourceRef="sign" targetRef="se" />
      </bpmn:subProcess>
      <bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub" /><bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="e" />
    </bpmn:process>`);
    const d = (await CoreDriver.fromXml(xml)).start({ copies: 3 });
    expect(d.openTaskElements()).to.deep.equal(['sign', 'sign', 'sign']);
    for (const task of [...d.tasks.values()]) d.run({ type: 'completeTask', taskId: task.id, variables: {} });
    expect(d.status).to.equal('completed');
    expect(d.state!.scopes).to.have.length(1);
  });

  it('waits at a receive task and continues with the message variables', async () => {
    const xml = bpmn(`<bpmn:message id="m" name="plata-confirmata" /><bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="s" /><bpmn:receiveTask id="plata" messageRef="m" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="plata" /><bpmn:sequenceFlow id="f2" sourceRef="plata" targetRef="e" /></bpmn:process>`);
    const d = (await CoreDriver.fromXml(xml)).start().correlate('plata-confirmata', { suma: 25 });
    expect(d.status).to.equal('completed');
    expect(d.variables.suma).to.equal(25);
  });
});
