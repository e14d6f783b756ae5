import { expect } from 'chai';
import { Engine } from '../../../engine/engine.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { MovableClock } from '../../support/clock.ts';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

/**
 * Modelled on Camunda 7's ConditionalEventTest family (intermediate catch, boundary interrupting
 * and not, event sub-process start), with the condition in FEEL or JUEL.
 */
const catchModel = (condition: string) => bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:intermediateCatchEvent id="wait"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${condition}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:userTask id="after" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="wait" />
  <bpmn:sequenceFlow id="f1" sourceRef="wait" targetRef="after" />
  <bpmn:sequenceFlow id="f2" sourceRef="after" targetRef="end" />
</bpmn:process>`);

const boundaryModel = (interrupting: boolean) => bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="review" />
  <bpmn:boundaryEvent id="b" attachedToRef="review" cancelActivity="${interrupting}"><bpmn:conditionalEventDefinition><bpmn:condition>\${amount &gt; 1000}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:boundaryEvent>
  <bpmn:userTask id="approveLarge" />
  <bpmn:endEvent id="end" />
  <bpmn:endEvent id="end2" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="review" />
  <bpmn:sequenceFlow id="f1" sourceRef="review" targetRef="end" />
  <bpmn:sequenceFlow id="f2" sourceRef="b" targetRef="approveLarge" />
  <bpmn:sequenceFlow id="f3" sourceRef="approveLarge" targetRef="end2" />
</bpmn:process>`);

describe('conditional events', () => {
  describe('an intermediate catch event', () => {
    it('waits while its condition is false and moves on when a variable change makes it true', async () => {
      const d = (await CoreDriver.fromXml(catchModel('=paid = true'))).start({ paid: false });
      expect(d.activeElements()).to.deep.equal(['wait']);
      d.setVariables({ paid: true });
      expect(d.openTaskElements()).to.deep.equal(['after']);
      expect(d.events.some((e) => e.type === 'condition.met' && e.elementId === 'wait')).to.equal(true);
    });

    it('passes at once when the condition already holds', async () => {
      const d = (await CoreDriver.fromXml(catchModel('paid'))).start({ paid: true });
      expect(d.openTaskElements()).to.deep.equal(['after']);
    });

    it('does not move when another variable changes and the condition stays false', async () => {
      const d = (await CoreDriver.fromXml(catchModel('paid'))).start({ paid: false });
      d.setVariables({ note: 'x' });
      expect(d.activeElements()).to.deep.equal(['wait']);
    });
  });

  describe('an interrupting boundary event', () => {
    it('cancels the task when a completed step sets the variable (JUEL translated)', async () => {
      const d = (await CoreDriver.fromXml(boundaryModel(true))).start({ amount: 10 });
      expect(d.openTaskElements()).to.deep.equal(['review']);
      d.setVariables({ amount: 5000 });
      expect(d.openTaskElements()).to.deep.equal(['approveLarge']);
    });

    it('fires when the activity is entered with the condition already true', async () => {
      const d = (await CoreDriver.fromXml(boundaryModel(true))).start({ amount: 5000 });
      expect(d.openTaskElements()).to.deep.equal(['approveLarge']);
    });
  });

  describe('a non-interrupting boundary event', () => {
    it('fires once per change from false to true and keeps the task open', async () => {
      const d = (await CoreDriver.fromXml(boundaryModel(false))).start({ amount: 10 });
      d.setVariables({ amount: 5000 });
      expect(d.openTaskElements()).to.deep.equal(['approveLarge', 'review']);
      d.setVariables({ amount: 6000 });
      expect(d.openTaskElements()).to.deep.equal(['approveLarge', 'review']);
      d.setVariables({ amount: 1 }).setVariables({ amount: 7000 });
      expect(d.openTaskElements()).to.deep.equal(['approveLarge', 'approveLarge', 'review']);
    });

    it('is disarmed when the task completes', async () => {
      const d = (await CoreDriver.fromXml(boundaryModel(false))).start({ amount: 10 });
      d.completeTask('review', { amount: 5000 });
      expect(d.status).to.equal('completed');
    });
  });

  describe('an event sub-process with a conditional start', () => {
    it('starts, interrupting the process, when the condition turns true', async () => {
      const xml = bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="work" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="work" />
  <bpmn:sequenceFlow id="f1" sourceRef="work" targetRef="end" />
  <bpmn:subProcess id="esp" triggeredByEvent="true">
    <bpmn:startEvent id="withdrawn"><bpmn:conditionalEventDefinition><bpmn:condition>=withdrawn</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
    <bpmn:userTask id="archive" />
    <bpmn:endEvent id="espEnd" />
    <bpmn:sequenceFlow id="e1" sourceRef="withdrawn" targetRef="archive" />
    <bpmn:sequenceFlow id="e2" sourceRef="archive" targetRef="espEnd" />
  </bpmn:subProcess>
</bpmn:process>`);
      const d = (await CoreDriver.fromXml(xml)).start({ withdrawn: false });
      expect(d.openTaskElements()).to.deep.equal(['work']);
      d.setVariables({ withdrawn: true });
      expect(d.openTaskElements()).to.deep.equal(['archive']);
      d.completeTask('archive');
      expect(d.status).to.equal('completed');
    });
  });

  describe('at deploy', () => {
    it('refuses a conditional event whose condition is not FEEL', async () => {
      const err = await CoreDriver.fromXml(catchModel('=paid = = ')).catch((e: unknown) => e as { problems?: Array<{ code: string; elementId: string }> });
      expect(err).to.have.property('problems').that.satisfies((ps: Array<{ code: string; elementId: string }>) => ps.some((p) => p.code === 'condition-invalid' && p.elementId === 'wait'));
    });

    it('accepts a conditional start event at process level (started by evaluateConditions), not by a plain start', async () => {
      const xml = bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start"><bpmn:conditionalEventDefinition><bpmn:condition>=x</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
  <bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="end" />
</bpmn:process>`);
      const d = await CoreDriver.fromXml(xml);
      expect(() => d.start({ x: true })).to.throw(/no none start event/);
      expect(d.start({ x: true }, 'start').status).to.equal('completed');
    });
  });
});

describe('conditional events on the database', () => {
  const t = useTestDatabase();

  it('are evaluated again after each saved step that changes variables', async () => {
    // given
    const engine = new Engine({ store: createEnginePort(t.db), clock: new MovableClock(new Date('2026-03-02T08:00:00Z')) });
    await engine.deploy(boundaryModel(false));
    const review = await engine.start('p', { variables: { amount: 10 } });
    const open = async () => (await engine.listTasks({ instanceId: review.id })).map((task) => task.elementId).sort();
    // when: a variable changes through the engine's command
    await engine.setVariables(review.id, { amount: 5000 });
    // then
    expect(await open()).to.deep.equal(['approveLarge', 'review']);
    await engine.setVariables(review.id, { amount: 6000 });
    expect(await open()).to.deep.equal(['approveLarge', 'review']);
  });
});
