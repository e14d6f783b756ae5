import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

const xml = bpmn(`
<bpmn:message id="m1" name="answer" />
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:eventBasedGateway id="gw" />
  <bpmn:intermediateCatchEvent id="reply"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:intermediateCatchEvent>
  <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>P10D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:userTask id="handleReply" /><bpmn:userTask id="handleTimeout" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
  <bpmn:sequenceFlow id="f1" sourceRef="gw" targetRef="reply" />
  <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="timeout" />
  <bpmn:sequenceFlow id="f3" sourceRef="reply" targetRef="handleReply" />
  <bpmn:sequenceFlow id="f4" sourceRef="timeout" targetRef="handleTimeout" />
</bpmn:process>`);

describe('eventBasedGateway behaviour', () => {
  it('takes the message path and disarms the timer', async () => {
    const d = (await CoreDriver.fromXml(xml)).start().correlate('answer');
    expect(d.openTaskElements()).to.deep.equal(['handleReply']);
    expect(d.timers.size).to.equal(0);
  });

  it('takes the timer path and closes the subscription', async () => {
    const d = (await CoreDriver.fromXml(xml)).start().fireTimerAt('timeout');
    expect(d.openTaskElements()).to.deep.equal(['handleTimeout']);
    expect(d.subscriptions.size).to.equal(0);
  });
});
