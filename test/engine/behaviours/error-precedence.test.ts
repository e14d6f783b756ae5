import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

/** BPMN and Camunda: the catcher naming the error's code wins over a catch-all, whatever the document order. */
const errors = `<bpmn:error id="errLate" errorCode="LATE" /><bpmn:error id="errOther" errorCode="OTHER" />`;

const boundaries = (order: 'catch-all first' | 'specific first') => {
  const all = '<bpmn:boundaryEvent id="any" attachedToRef="work"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>';
  const late = '<bpmn:boundaryEvent id="late" attachedToRef="work"><bpmn:errorEventDefinition errorRef="errLate" /></bpmn:boundaryEvent>';
  return bpmn(`${errors}<bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:serviceTask id="work" dosar:handler="h" />
    ${order === 'catch-all first' ? all + late : late + all}
    <bpmn:endEvent id="done" /><bpmn:endEvent id="endAny" /><bpmn:endEvent id="endLate" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" /><bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="done" />
    <bpmn:sequenceFlow id="f3" sourceRef="any" targetRef="endAny" /><bpmn:sequenceFlow id="f4" sourceRef="late" targetRef="endLate" />
  </bpmn:process>`);
};

const eventSubProcesses = bpmn(`${errors}<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="s" /><bpmn:serviceTask id="work" dosar:handler="h" /><bpmn:endEvent id="done" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" /><bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="done" />
  <bpmn:subProcess id="espAny" triggeredByEvent="true"><bpmn:startEvent id="anyStart"><bpmn:errorEventDefinition /></bpmn:startEvent>
    <bpmn:endEvent id="endAny" /><bpmn:sequenceFlow id="a1" sourceRef="anyStart" targetRef="endAny" /></bpmn:subProcess>
  <bpmn:subProcess id="espLate" triggeredByEvent="true"><bpmn:startEvent id="lateStart"><bpmn:errorEventDefinition errorRef="errLate" /></bpmn:startEvent>
    <bpmn:endEvent id="endLate" /><bpmn:sequenceFlow id="l1" sourceRef="lateStart" targetRef="endLate" /></bpmn:subProcess>
</bpmn:process>`);

function throwFrom(d: CoreDriver, errorCode: string): CoreDriver {
  return d.run({ type: 'throwJobError', jobId: d.job('work').id, errorCode });
}

describe('error catching precedence', () => {
  for (const order of ['catch-all first', 'specific first'] as const) {
    it(`gives a boundary event naming the code precedence over a catch-all (${order} in the document)`, async () => {
      const d = throwFrom((await CoreDriver.fromXml(boundaries(order))).start(), 'LATE');
      expect(d.completed('endLate')).to.equal(true);
      expect(d.completed('endAny')).to.equal(false);
    });
  }

  it('lets the catch-all boundary take an error no one names', async () => {
    const d = throwFrom((await CoreDriver.fromXml(boundaries('specific first'))).start(), 'OTHER');
    expect(d.completed('endAny')).to.equal(true);
    expect(d.completed('endLate')).to.equal(false);
  });

  it('gives an event sub-process naming the code precedence over a catch-all written before it', async () => {
    const d = throwFrom((await CoreDriver.fromXml(eventSubProcesses)).start(), 'LATE');
    expect(d.completed('endLate')).to.equal(true);
    expect(d.completed('endAny')).to.equal(false);
  });
});
