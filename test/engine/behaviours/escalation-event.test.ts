import { expect } from 'chai';
import { Engine } from '../../../engine/engine.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { MovableClock } from '../../support/clock.ts';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

/**
 * Modelled on Camunda 7's EscalationEventTest (throw from an embedded sub-process to a boundary on
 * it, interrupting or not, catch-all versus code, an event sub-process start, no catcher at all).
 */
function model(catcher: string, thrower = '<bpmn:intermediateThrowEvent id="throw"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>'): string {
  return bpmn(`
<bpmn:escalation id="esc" escalationCode="HEAD" />
<bpmn:escalation id="other" escalationCode="MAYOR" />
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:subProcess id="sub">
    <bpmn:startEvent id="subStart" />
    ${thrower}
    <bpmn:userTask id="afterThrow" />
    <bpmn:endEvent id="subEnd" />
    <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="throw" />
    <bpmn:sequenceFlow id="s2" sourceRef="throw" targetRef="afterThrow" />
    <bpmn:sequenceFlow id="s3" sourceRef="afterThrow" targetRef="subEnd" />
  </bpmn:subProcess>
  ${catcher}
  <bpmn:userTask id="afterSub" />
  <bpmn:userTask id="escalated" />
  <bpmn:endEvent id="end" />
  <bpmn:endEvent id="end2" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="sub" />
  <bpmn:sequenceFlow id="f1" sourceRef="sub" targetRef="afterSub" />
  <bpmn:sequenceFlow id="f2" sourceRef="afterSub" targetRef="end" />
  <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="escalated" />
  <bpmn:sequenceFlow id="f4" sourceRef="escalated" targetRef="end2" />
</bpmn:process>`);
}

const boundary = (attrs: string, ref = 'escalationRef="esc"') => `<bpmn:boundaryEvent id="b" attachedToRef="sub" ${attrs}><bpmn:escalationEventDefinition ${ref} /></bpmn:boundaryEvent>`;

describe('escalation events', () => {
  describe('when a non-interrupting boundary on the sub-process catches the code', () => {
    it('takes the boundary path and the sub-process carries on', async () => {
      const d = (await CoreDriver.fromXml(model(boundary('cancelActivity="false"')))).start();
      expect(d.openTaskElements()).to.deep.equal(['afterThrow', 'escalated']);
      expect(d.events.some((e) => e.type === 'escalation.thrown' && e.elementId === 'throw')).to.equal(true);
      d.completeTask('afterThrow').completeTask('afterSub').completeTask('escalated');
      expect(d.status).to.equal('completed');
    });
  });

  describe('when the catch names camunda:escalationCodeVariable', () => {
    it('sets the caught escalation\'s code, a catch-all\'s too', async () => {
      const named = (await CoreDriver.fromXml(model(boundary('', 'escalationRef="esc" camunda:escalationCodeVariable="cod"')))).start();
      expect(named.variables).to.deep.equal({ cod: 'HEAD' });
      const all = (await CoreDriver.fromXml(model(boundary('', 'camunda:escalationCodeVariable="cod"')))).start();
      expect(all.variables).to.deep.equal({ cod: 'HEAD' });
    });
  });

  describe('when an interrupting boundary catches it', () => {
    it('cancels the sub-process and the throw event does not move on', async () => {
      const d = (await CoreDriver.fromXml(model(boundary('')))).start();
      expect(d.openTaskElements()).to.deep.equal(['escalated']);
      expect(d.activeElements()).to.deep.equal(['escalated']);
    });
  });

  describe('when the boundary waits for another code', () => {
    it('does not catch it, and the uncaught escalation is no error', async () => {
      const d = (await CoreDriver.fromXml(model(boundary('', 'escalationRef="other"')))).start();
      expect(d.openTaskElements()).to.deep.equal(['afterThrow']);
      expect(d.status).to.equal('active');
      expect(d.events.some((e) => e.type === 'escalation.unhandled')).to.equal(true);
    });
  });

  describe('when a catch-all boundary and a boundary with the code are both attached', () => {
    it('gives the one with the code precedence', async () => {
      const catchers = `${boundary('cancelActivity="false"', 'escalationRef="esc"').replace('id="b"', 'id="byCode"')}
        <bpmn:boundaryEvent id="b" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
        <bpmn:userTask id="byCodeTask" /><bpmn:sequenceFlow id="f5" sourceRef="byCode" targetRef="byCodeTask" />`;
      const d = (await CoreDriver.fromXml(model(catchers))).start();
      expect(d.openTaskElements()).to.deep.equal(['afterThrow', 'byCodeTask']);
    });
  });

  describe('an escalation end event', () => {
    it('ends its branch and the catch-all boundary fires', async () => {
      const thrower = '<bpmn:endEvent id="throw"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:endEvent>';
      const xml = model(boundary('cancelActivity="false"', ''), thrower).replace('<bpmn:sequenceFlow id="s2" sourceRef="throw" targetRef="afterThrow" />', '').replace('<bpmn:sequenceFlow id="s3" sourceRef="afterThrow" targetRef="subEnd" />', '').replace('<bpmn:userTask id="afterThrow" />', '').replace('<bpmn:endEvent id="subEnd" />', '');
      const d = (await CoreDriver.fromXml(xml)).start();
      // The sub-process completed (nothing left in it) while the escalation path runs.
      expect(d.openTaskElements()).to.deep.equal(['afterSub', 'escalated']);
    });
  });

  describe('an escalation event sub-process', () => {
    it('starts inside the scope that raised it, without stopping the work when non-interrupting', async () => {
      const xml = bpmn(`
<bpmn:escalation id="esc" escalationCode="HEAD" />
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:intermediateThrowEvent id="throw"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>
  <bpmn:userTask id="work" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="throw" />
  <bpmn:sequenceFlow id="f1" sourceRef="throw" targetRef="work" />
  <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
  <bpmn:subProcess id="esp" triggeredByEvent="true">
    <bpmn:startEvent id="escStart" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:startEvent>
    <bpmn:userTask id="notifyHead" />
    <bpmn:endEvent id="espEnd" />
    <bpmn:sequenceFlow id="e1" sourceRef="escStart" targetRef="notifyHead" />
    <bpmn:sequenceFlow id="e2" sourceRef="notifyHead" targetRef="espEnd" />
  </bpmn:subProcess>
</bpmn:process>`);
      const d = (await CoreDriver.fromXml(xml)).start();
      expect(d.openTaskElements()).to.deep.equal(['notifyHead', 'work']);
      d.completeTask('work');
      expect(d.status).to.equal('active');
      d.completeTask('notifyHead');
      expect(d.status).to.equal('completed');
    });
  });

  describe('at deploy', () => {
    it('refuses an escalation boundary on a task, which can never raise one', async () => {
      const xml = bpmn(`
<bpmn:escalation id="esc" escalationCode="HEAD" />
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" /><bpmn:userTask id="t" /><bpmn:endEvent id="end" />
  <bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="t" /><bpmn:sequenceFlow id="f1" sourceRef="t" targetRef="end" /><bpmn:sequenceFlow id="f2" sourceRef="b" targetRef="end" />
</bpmn:process>`);
      const err = await CoreDriver.fromXml(xml).catch((e: unknown) => e as { problems?: Array<{ code: string; elementId: string }> });
      expect(err).to.have.property('problems').that.deep.includes({ code: 'boundary-on-unsupported', elementId: 'b', message: 'An escalation boundary event "b" belongs on a sub-process or call activity' });
    });
  });
});

describe('escalation events on the database', () => {
  const t = useTestDatabase();

  it('escalate to the head of department while the work goes on, across saved steps', async () => {
    // given: a non-interrupting escalation boundary on the sub-process, reached after a clerk's task
    const engine = new Engine({ store: createEnginePort(t.db), clock: new MovableClock(new Date('2026-03-02T08:00:00Z')) });
    const xml = model('<bpmn:boundaryEvent id="b" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>')
      .replace('<bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="throw" />', '<bpmn:userTask id="examine" /><bpmn:sequenceFlow id="s0" sourceRef="subStart" targetRef="examine" /><bpmn:sequenceFlow id="s1" sourceRef="examine" targetRef="throw" />');
    await engine.deploy(xml);
    const { id } = await engine.start('p');
    const open = async () => (await engine.listTasks({ instanceId: id })).map((task) => task.elementId).sort();
    // when
    await engine.completeTask((await engine.listTasks({ instanceId: id }))[0]!.id);
    // then
    expect(await open()).to.deep.equal(['afterThrow', 'escalated']);
    for (const task of await engine.listTasks({ instanceId: id })) await engine.completeTask(task.id);
    await engine.completeTask((await engine.listTasks({ instanceId: id }))[0]!.id);
    expect((await engine.getInstance(id)).status).to.equal('completed');
  });
});
