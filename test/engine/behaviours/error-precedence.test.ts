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

  describe('with Camunda 7 errorCodeVariable and errorMessageVariable on the catch', () => {
    const model = (catcher: string) => bpmn(`<bpmn:error id="acte" errorCode="ACTE_LIPSA" camunda:errorMessage="Lipsesc acte" />
      <bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="s" />
      <bpmn:subProcess id="sub"><bpmn:startEvent id="ss" /><bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="acte" /></bpmn:endEvent>
        <bpmn:sequenceFlow id="g1" sourceRef="ss" targetRef="fail" /></bpmn:subProcess>
      ${catcher}
      <bpmn:userTask id="completare" /><bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub" /><bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="e" />
      <bpmn:sequenceFlow id="f3" sourceRef="caught" targetRef="completare" /><bpmn:sequenceFlow id="f4" sourceRef="completare" targetRef="e2" />
    </bpmn:process>`);

    it('sets the caught error\'s code and its message (camunda:errorMessage on the error) before the boundary path', async () => {
      const d = (await CoreDriver.fromXml(model('<bpmn:boundaryEvent id="caught" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="acte" camunda:errorCodeVariable="cod" camunda:errorMessageVariable="mesaj" /></bpmn:boundaryEvent>'))).start();
      expect(d.openTaskElements()).to.deep.equal(['completare']);
      expect(d.variables).to.deep.include({ cod: 'ACTE_LIPSA', mesaj: 'Lipsesc acte' });
    });

    it('gives a catch-all the code of the error it caught, and a worker\'s message', async () => {
      const d = (await CoreDriver.fromXml(boundaries('specific first').replace('<bpmn:errorEventDefinition />', '<bpmn:errorEventDefinition camunda:errorCodeVariable="cod" camunda:errorMessageVariable="mesaj" />'))).start();
      d.run({ type: 'throwJobError', jobId: d.job('work').id, errorCode: 'OTHER', message: 'Registrul nu răspunde' });
      expect(d.variables).to.deep.include({ cod: 'OTHER', mesaj: 'Registrul nu răspunde' });
    });

    it('sets them for an error event sub-process too, and a missing message as null', async () => {
      const d = throwFrom((await CoreDriver.fromXml(eventSubProcesses.replace('<bpmn:errorEventDefinition errorRef="errLate" />', '<bpmn:errorEventDefinition errorRef="errLate" camunda:errorCodeVariable="cod" camunda:errorMessageVariable="mesaj" />')
        .replace('<bpmn:endEvent id="endLate" /><bpmn:sequenceFlow id="l1" sourceRef="lateStart" targetRef="endLate" />', '<bpmn:userTask id="look" /><bpmn:endEvent id="endLate" /><bpmn:sequenceFlow id="l1" sourceRef="lateStart" targetRef="look" /><bpmn:sequenceFlow id="l2" sourceRef="look" targetRef="endLate" />'))).start(), 'LATE');
      expect(d.openTaskElements()).to.deep.equal(['look']);
      expect(d.variables).to.deep.include({ cod: 'LATE', mesaj: null });
    });
  });
});
