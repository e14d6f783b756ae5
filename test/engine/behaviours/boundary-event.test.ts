import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

function model(boundary: string): string {
  return bpmn(`
<bpmn:message id="m1" name="withdrawn" />
<bpmn:error id="e1" errorCode="REJECTED" />
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="work" />
  ${boundary}
  <bpmn:userTask id="escalated" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="work" />
  <bpmn:sequenceFlow id="f1" sourceRef="work" targetRef="end" />
  <bpmn:sequenceFlow id="f2" sourceRef="b" targetRef="escalated" />
</bpmn:process>`);
}

describe('boundary events', () => {
  describe('an interrupting timer', () => {
    const xml = model(`<bpmn:boundaryEvent id="b" attachedToRef="work"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`);

    it('is armed while the task is open', async () => {
      const d = (await CoreDriver.fromXml(xml)).start();
      expect(d.timerAt('b')?.dueAt).to.equal('2026-03-04T08:00:00.000Z');
    });

    it('cancels the task and takes the boundary path when it fires', async () => {
      const d = (await CoreDriver.fromXml(xml)).start().fireTimerAt('b');
      expect(d.openTaskElements()).to.deep.equal(['escalated']);
      expect(d.events.some((e) => e.type === 'timer.fired' && e.elementId === 'b')).to.equal(true);
    });

    it('is disarmed when the task completes first', async () => {
      const d = (await CoreDriver.fromXml(xml)).start().completeTask('work');
      expect(d.timers.size).to.equal(0);
      expect(d.status).to.equal('completed');
    });
  });

  describe('a non-interrupting cycle timer', () => {
    const xml = model(`<bpmn:boundaryEvent id="b" attachedToRef="work" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>`);

    it('keeps the task open and fires again until its repetitions are spent', async () => {
      const d = (await CoreDriver.fromXml(xml)).start().fireTimerAt('b');
      expect(d.openTaskElements()).to.deep.equal(['escalated', 'work']);
      expect(d.timerAt('b')?.dueAt).to.equal('2026-03-04T08:00:00.000Z');
      d.fireTimerAt('b');
      expect(d.timerAt('b')).to.equal(undefined);
      expect(d.openTaskElements()).to.deep.equal(['escalated', 'escalated', 'work']);
    });
  });

  describe('a non-interrupting cron cycle (Camunda 7 and 8)', () => {
    const xml = model(`<bpmn:boundaryEvent id="b" attachedToRef="work" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>0 30 9 ? * MON-FRI</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>`);

    it('fires at each time it names, in Bucharest, for as long as the task is open', async () => {
      const d = await CoreDriver.fromXml(xml);
      d.now = '2026-03-06T10:00:00.000Z'; // a Friday, 12:00 in Bucharest
      d.start();
      expect(d.timerAt('b')?.dueAt).to.equal('2026-03-09T07:30:00.000Z'); // Monday 09:30 (UTC+2)
      d.fireTimerAt('b');
      expect(d.timerAt('b')?.dueAt).to.equal('2026-03-10T07:30:00.000Z');
      expect(d.openTaskElements()).to.deep.equal(['escalated', 'work']);
      d.completeTask('work');
      expect(d.timerAt('b')).to.equal(undefined);
    });
  });

  describe('a date timer', () => {
    it('fires at the given date', async () => {
      const xml = model(`<bpmn:boundaryEvent id="b" attachedToRef="work"><bpmn:timerEventDefinition><bpmn:timeDate>2026-04-01T09:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>`);
      const d = (await CoreDriver.fromXml(xml)).start();
      expect(d.timerAt('b')?.dueAt).to.equal('2026-04-01T09:00:00.000Z');
    });
  });

  describe('a message boundary', () => {
    it('interrupts the task when the message is correlated', async () => {
      const xml = model(`<bpmn:boundaryEvent id="b" attachedToRef="work"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:boundaryEvent>`);
      const d = (await CoreDriver.fromXml(xml)).start().correlate('withdrawn', { reason: 'no longer needed' });
      expect(d.openTaskElements()).to.deep.equal(['escalated']);
      expect(d.variables.reason).to.equal('no longer needed');
      expect(d.subscriptions.size).to.equal(0);
    });
  });
});
