import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

const xml = bpmn(`
<bpmn:error id="e1" errorCode="INVALID_IBAN" />
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:serviceTask id="pay" dosar:handler="payments.charge" />
  <bpmn:boundaryEvent id="bad" attachedToRef="pay"><bpmn:errorEventDefinition errorRef="e1" /></bpmn:boundaryEvent>
  <bpmn:userTask id="fix" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="pay" />
  <bpmn:sequenceFlow id="f1" sourceRef="pay" targetRef="end" />
  <bpmn:sequenceFlow id="f2" sourceRef="bad" targetRef="fix" />
</bpmn:process>`);

describe('serviceTask behaviour', () => {
  it('queues a job for its handler with the variables', async () => {
    const d = (await CoreDriver.fromXml(xml)).start({ amount: 10 });
    const job = d.job('pay');
    expect(job.handler).to.equal('payments.charge');
    expect(job.payload).to.deep.include({ variables: { amount: 10 } });
    expect(job.retries).to.equal(3);
  });

  it('moves on with the job result when the job completes', async () => {
    const d = (await CoreDriver.fromXml(xml)).start({ amount: 10 }).completeJob('pay', { receipt: 'R-1' });
    expect(d.status).to.equal('completed');
    expect(d.variables.receipt).to.equal('R-1');
  });

  it('routes a BPMN error from the handler to the error boundary', async () => {
    const d = (await CoreDriver.fromXml(xml)).start();
    d.run({ type: 'throwJobError', jobId: d.job('pay').id, errorCode: 'INVALID_IBAN' });
    expect(d.openTaskElements()).to.deep.equal(['fix']);
  });

  it('raises an incident for an error nobody catches', async () => {
    const d = (await CoreDriver.fromXml(xml)).start();
    d.run({ type: 'throwJobError', jobId: d.job('pay').id, errorCode: 'OTHER' });
    expect(d.status).to.equal('incident');
  });
});
