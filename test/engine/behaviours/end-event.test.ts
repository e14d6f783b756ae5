import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

const xml = bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:parallelGateway id="fork" />
  <bpmn:userTask id="a" />
  <bpmn:endEvent id="stopAll"><bpmn:terminateEventDefinition /></bpmn:endEvent>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
  <bpmn:sequenceFlow id="f1" sourceRef="fork" targetRef="a" />
  <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="stopAll" />
</bpmn:process>`);

describe('end events', () => {
  it('a terminate end event ends every branch of the process', async () => {
    const d = (await CoreDriver.fromXml(xml)).start();
    expect(d.status).to.equal('terminated');
    expect(d.tasks.size).to.equal(0);
  });
});
