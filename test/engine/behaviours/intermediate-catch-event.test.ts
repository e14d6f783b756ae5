import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

const xml = bpmn(`
<bpmn:message id="m1" name="documents.received" />
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:intermediateCatchEvent id="docs"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:intermediateCatchEvent>
  <bpmn:intermediateThrowEvent id="notify"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:intermediateThrowEvent>
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="wait" />
  <bpmn:sequenceFlow id="f1" sourceRef="wait" targetRef="docs" />
  <bpmn:sequenceFlow id="f2" sourceRef="docs" targetRef="notify" />
  <bpmn:sequenceFlow id="f3" sourceRef="notify" targetRef="end" />
</bpmn:process>`);

describe('intermediate events', () => {
  it('fires a timer whose date has no offset at that time in Bucharest', async () => {
    const local = xml.replace('<bpmn:timeDuration>PT2H</bpmn:timeDuration>', '<bpmn:timeDate>2026-03-30T10:00:00</bpmn:timeDate>');
    const d = (await CoreDriver.fromXml(local)).start();
    // Summer time began on 29 March 2026: 10:00 in Bucharest is 07:00 UTC.
    expect(d.timerAt('wait')?.dueAt).to.equal('2026-03-30T07:00:00.000Z');
  });

  it('waits for the timer, then for the message, then completes', async () => {
    const d = (await CoreDriver.fromXml(xml)).start();
    expect(d.activeElements()).to.deep.equal(['wait']);
    expect(d.timerAt('wait')?.dueAt).to.equal('2026-03-02T10:00:00.000Z');
    d.fireTimerAt('wait');
    expect(d.activeElements()).to.deep.equal(['docs']);
    d.correlate('documents.received', { pages: 3 });
    expect(d.status).to.equal('completed');
    expect(d.variables.pages).to.equal(3);
    expect(d.events.some((e) => e.type === 'message.sent' && e.elementId === 'notify')).to.equal(true);
  });
});
