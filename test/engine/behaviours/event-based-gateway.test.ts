import { expect } from 'chai';
import { Engine } from '../../../engine/engine.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { MovableClock } from '../../support/clock.ts';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

/**
 * Modelled on Camunda 7's EventBasedGatewayTest (message, timer and signal branches) and
 * ConditionalEventTest's event-based gateway cases (a conditional branch true on arrival is taken
 * at once; otherwise it waits and is taken when a variable change makes it true).
 */

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

const conditionalXml = bpmn(`
<bpmn:message id="m1" name="answer" />
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:eventBasedGateway id="gw" />
  <bpmn:intermediateCatchEvent id="reply"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:intermediateCatchEvent>
  <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>P10D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:intermediateCatchEvent id="paid"><bpmn:conditionalEventDefinition><bpmn:condition>=paid = true</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:userTask id="handleReply" /><bpmn:userTask id="handleTimeout" /><bpmn:userTask id="handlePaid" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
  <bpmn:sequenceFlow id="f1" sourceRef="gw" targetRef="reply" />
  <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="timeout" />
  <bpmn:sequenceFlow id="f5" sourceRef="gw" targetRef="paid" />
  <bpmn:sequenceFlow id="f3" sourceRef="reply" targetRef="handleReply" />
  <bpmn:sequenceFlow id="f4" sourceRef="timeout" targetRef="handleTimeout" />
  <bpmn:sequenceFlow id="f6" sourceRef="paid" targetRef="handlePaid" />
</bpmn:process>`);

describe('a conditional catch event after an event-based gateway', () => {
  it('is taken at once when its condition holds on arrival, disarming the others', async () => {
    const d = (await CoreDriver.fromXml(conditionalXml)).start({ paid: true });
    expect(d.openTaskElements()).to.deep.equal(['handlePaid']);
    expect(d.timers.size).to.equal(0);
    expect(d.subscriptions.size).to.equal(0);
    expect(d.events.some((e) => e.type === 'condition.met' && e.elementId === 'paid')).to.equal(true);
  });

  it('waits with the other events and is taken when a variable change makes it true', async () => {
    const d = (await CoreDriver.fromXml(conditionalXml)).start({ paid: false });
    expect(d.activeElements()).to.deep.equal(['gw']);
    expect(d.timers.size).to.equal(1);
    expect(d.subscriptions.size).to.equal(1);
    d.setVariables({ note: 'x' });
    expect(d.activeElements()).to.deep.equal(['gw']);
    d.setVariables({ paid: true });
    expect(d.openTaskElements()).to.deep.equal(['handlePaid']);
    expect(d.timers.size).to.equal(0);
    expect(d.subscriptions.size).to.equal(0);
  });

  it('waits while its variable is missing', async () => {
    const d = (await CoreDriver.fromXml(conditionalXml)).start();
    expect(d.activeElements()).to.deep.equal(['gw']);
  });

  it('is disarmed when another branch is taken', async () => {
    const d = (await CoreDriver.fromXml(conditionalXml)).start({ paid: false }).correlate('answer');
    expect(d.openTaskElements()).to.deep.equal(['handleReply']);
    d.setVariables({ paid: true });
    expect(d.openTaskElements()).to.deep.equal(['handleReply']);
    expect(d.timers.size).to.equal(0);
  });

  it('is accepted at deploy, where a task after the gateway is not', async () => {
    await CoreDriver.fromXml(conditionalXml);
    const bad = conditionalXml.replace('<bpmn:intermediateCatchEvent id="paid"><bpmn:conditionalEventDefinition><bpmn:condition>=paid = true</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>', '<bpmn:userTask id="paid" />');
    const err = await CoreDriver.fromXml(bad).catch((e: unknown) => e as { problems?: Array<{ code: string; elementId: string }> });
    expect(err).to.have.property('problems').that.satisfies((ps: Array<{ code: string; elementId: string }>) => ps.some((p) => p.code === 'event-gateway-target-invalid' && p.elementId === 'f5'));
  });
});

describe('a conditional branch of an event-based gateway on the database', () => {
  const t = useTestDatabase();

  it('is taken after a saved step makes its condition true, cancelling the timer and the subscription', async () => {
    // given
    const clock = new MovableClock(new Date('2026-03-02T08:00:00Z'));
    const engine = new Engine({ store: createEnginePort(t.db), clock });
    await engine.deploy(conditionalXml);
    const instance = await engine.start('p', { variables: { paid: false } });
    // when
    await engine.setVariables(instance.id, { paid: true });
    // then
    expect((await engine.listTasks({ instanceId: instance.id })).map((task) => task.elementId)).to.deep.equal(['handlePaid']);
    clock.advance(11 * 24 * 3600 * 1000);
    expect((await engine.tick()).timers).to.equal(0);
    const refused = await engine.correlate('answer', { instanceId: instance.id }).then(() => null, (e: unknown) => e);
    expect(refused).to.be.instanceOf(Error);
    expect((await engine.listTasks({ instanceId: instance.id })).map((task) => task.elementId)).to.deep.equal(['handlePaid']);
  });
});
