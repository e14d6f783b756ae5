import { expect } from 'chai';
import { AppError } from '../../../engine/errors.ts';
import { compileModel } from '../../../engine/model/index.ts';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

/** A reminder sent until it is acknowledged: the loop runs through the send task. */
const loop = (sendTask: string) => bpmn(`
<bpmn:message id="m" name="reminder" />
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  ${sendTask}
  <bpmn:exclusiveGateway id="again" default="more" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="send" />
  <bpmn:sequenceFlow id="f1" sourceRef="send" targetRef="again" />
  <bpmn:sequenceFlow id="done" sourceRef="again" targetRef="end"><bpmn:conditionExpression>acknowledged = true</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="more" sourceRef="again" targetRef="send" />
</bpmn:process>`);

describe('sendTask behaviour', () => {
  it('deploys a loop through a send task with a handler: its job is a wait state', async () => {
    const xml = loop('<bpmn:sendTask id="send" messageRef="m" dosar:handler="notify" />');
    const d = (await CoreDriver.fromXml(xml)).start({ acknowledged: false });
    d.completeJob('send', { acknowledged: false }).completeJob('send', { acknowledged: true });
    expect(d.status).to.equal('completed');
    expect(d.events.filter((e) => e.type === 'job.completed')).to.have.length(2);
  });

  it('still refuses a loop through a send task without a handler, which never waits', async () => {
    const xml = loop('<bpmn:sendTask id="send" messageRef="m" />');
    const err = await compileModel(xml).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(AppError);
    expect((err as AppError).problems!.map((p) => p.code)).to.include('cycle-without-wait-state');
  });

  it('records the message and moves on when it names no handler', async () => {
    const xml = bpmn(`<bpmn:message id="m" name="reminder" /><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="start" />
      <bpmn:sendTask id="send" messageRef="m" /><bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="send" /><bpmn:sequenceFlow id="f1" sourceRef="send" targetRef="end" /></bpmn:process>`);
    const d = (await CoreDriver.fromXml(xml)).start();
    expect(d.status).to.equal('completed');
    expect(d.events.find((e) => e.type === 'message.sent')).to.deep.include({ elementId: 'send' });
  });
});
