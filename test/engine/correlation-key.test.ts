import { expect } from 'chai';
import { Engine } from '../../engine/engine.ts';
import { builtInHandlers } from '../../engine/jobs/handlers.ts';
import { createEnginePort } from '../../engine/store/engine-port.ts';
import { bpmn } from '../support/core-driver.ts';
import { MovableClock } from '../support/clock.ts';
import { useTestDatabase } from '../support/database.ts';

/** Camunda 8 keeps a message's correlation key on the bpmn:message, whichever element waits for it. */
const model = (waiting: string) => bpmn(`
<bpmn:message id="paid" name="payment-received">
  <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
</bpmn:message>
<bpmn:process id="order" isExecutable="true">
  <bpmn:startEvent id="s" />
  ${waiting}
  <bpmn:endEvent id="e" />
</bpmn:process>`);

const catchEvent = model(`<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="paid" /></bpmn:intermediateCatchEvent>
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" /><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e" />`);
const boundary = model(`<bpmn:userTask id="work" /><bpmn:boundaryEvent id="wait" attachedToRef="work"><bpmn:messageEventDefinition messageRef="paid" /></bpmn:boundaryEvent>
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" /><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e" /><bpmn:endEvent id="e2" /><bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="e2" />`);

describe('Message events with a zeebe:subscription correlation key', () => {
  const t = useTestDatabase();
  let engine: Engine;

  beforeEach(() => {
    engine = new Engine({ store: createEnginePort(t.db), clock: new MovableClock(new Date('2026-03-02T08:00:00Z')), handlers: builtInHandlers() });
  });

  for (const [element, xml] of [['an intermediate catch event', catchEvent], ['a boundary event', boundary]] as const) {
    it(`correlates a message by the key of ${element}`, async () => {
      // given: an order waiting for its payment, started without a business key
      await engine.deploy(xml);
      const { id } = await engine.start('order', { variables: { orderId: 'A-7' } });
      // when: the payment for that order arrives
      const result = await engine.correlate('payment-received', { businessKey: 'A-7' }, { amount: 10 });
      // then
      expect(result).to.deep.equal({ instanceId: id, started: false });
      const instance = await engine.getInstance(id);
      expect(instance.status).to.equal('completed');
    });
  }

  it('does not correlate a message whose key belongs to another order', async () => {
    await engine.deploy(catchEvent);
    await engine.start('order', { variables: { orderId: 'A-7' } });
    const err = await engine.correlate('payment-received', { businessKey: 'B-9' }).catch((e: unknown) => e);
    expect(err).to.have.property('code', 'message-not-correlated');
  });
});
