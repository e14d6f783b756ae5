import { expect } from 'chai';
import { Engine } from '../../../engine/engine.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { MovableClock } from '../../support/clock.ts';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

/**
 * Escalations that leave a called procedure, modelled on Camunda 7's EscalationEventTest
 * (testCatchEscalationOnCallActivity, testCatchEscalationOnCallActivityWithCatchAll... : a called
 * process's uncaught escalation reaches the call activity's boundary, interrupting or not; one
 * naming the code wins over a catch-all; caught by nobody, it changes nothing).
 */
const CHILD_THROWS = bpmn(`
<bpmn:escalation id="esc" escalationCode="HEAD" />
<bpmn:process id="child" isExecutable="true">
  <bpmn:startEvent id="cs" />
  <bpmn:intermediateThrowEvent id="throw"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>
  <bpmn:userTask id="childWork" />
  <bpmn:endEvent id="ce" />
  <bpmn:sequenceFlow id="c1" sourceRef="cs" targetRef="throw" />
  <bpmn:sequenceFlow id="c2" sourceRef="throw" targetRef="childWork" />
  <bpmn:sequenceFlow id="c3" sourceRef="childWork" targetRef="ce" />
</bpmn:process>`);

/** The child's last step both escalates and completes it. */
const CHILD_ENDS_ESCALATING = bpmn(`
<bpmn:escalation id="esc" escalationCode="HEAD" />
<bpmn:process id="child" isExecutable="true">
  <bpmn:startEvent id="cs" />
  <bpmn:userTask id="childWork" />
  <bpmn:endEvent id="throwEnd"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:endEvent>
  <bpmn:sequenceFlow id="c1" sourceRef="cs" targetRef="childWork" />
  <bpmn:sequenceFlow id="c2" sourceRef="childWork" targetRef="throwEnd" />
</bpmn:process>`);

function parent(catchers: string): string {
  return bpmn(`
<bpmn:escalation id="esc" escalationCode="HEAD" />
<bpmn:escalation id="other" escalationCode="MAYOR" />
<bpmn:process id="parent" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:callActivity id="call" calledElement="child" />
  ${catchers}
  <bpmn:userTask id="afterCall" />
  <bpmn:userTask id="escalated" />
  <bpmn:endEvent id="end" />
  <bpmn:endEvent id="end2" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="call" />
  <bpmn:sequenceFlow id="f1" sourceRef="call" targetRef="afterCall" />
  <bpmn:sequenceFlow id="f2" sourceRef="afterCall" targetRef="end" />
  <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="escalated" />
  <bpmn:sequenceFlow id="f4" sourceRef="escalated" targetRef="end2" />
</bpmn:process>`);
}

const boundary = (attrs: string, ref = 'escalationRef="esc"') => `<bpmn:boundaryEvent id="b" attachedToRef="call" ${attrs}><bpmn:escalationEventDefinition ${ref} /></bpmn:boundaryEvent>`;

describe('escalations out of a called process (core)', () => {
  it('sends an escalation the called process does not catch to its caller, and carries on', async () => {
    const child = await CoreDriver.fromXml(CHILD_THROWS);
    child.run({ type: 'start', variables: {}, parent: { instanceId: 'p1', tokenId: 't1' } });
    expect(child.parentNotices).to.deep.equal([{ type: 'instance.notifyParent', parent: { instanceId: 'p1', tokenId: 't1' }, outcome: 'escalation', variables: {}, escalationCode: 'HEAD' }]);
    expect(child.openTaskElements()).to.deep.equal(['childWork']);
    expect(child.events.some((e) => e.type === 'escalation.propagated' && e.elementId === 'throw')).to.equal(true);
  });

  it('takes the call activity\'s non-interrupting escalation boundary and keeps waiting for the called process', async () => {
    const d = (await CoreDriver.fromXml(parent(boundary('cancelActivity="false"')))).start();
    const childInstanceId = d.spawned[0]!.childInstanceId;
    d.run({ type: 'childEscalated', tokenId: '', childInstanceId, escalationCode: 'HEAD' });
    expect(d.openTaskElements()).to.deep.equal(['escalated']);
    expect(d.activeElements()).to.deep.equal(['call', 'escalated']);
    d.run({ type: 'childCompleted', tokenId: '', childInstanceId, variables: {} });
    expect(d.openTaskElements()).to.deep.equal(['afterCall', 'escalated']);
  });

  it('cancels the call activity, terminating the called process, when its escalation boundary interrupts', async () => {
    const d = (await CoreDriver.fromXml(parent(boundary('')))).start();
    const childInstanceId = d.spawned[0]!.childInstanceId;
    const before = d.events.length;
    d.run({ type: 'childEscalated', tokenId: '', childInstanceId, escalationCode: 'HEAD' });
    expect(d.activeElements()).to.deep.equal(['escalated']);
    expect(d.events.slice(before).some((e) => e.type === 'element.cancelled' && e.elementId === 'call')).to.equal(true);
  });

  it('gives the call activity\'s boundary naming the code precedence over its catch-all', async () => {
    const catchers = `${boundary('cancelActivity="false"').replace('id="b"', 'id="byCode"')}
      <bpmn:boundaryEvent id="b" attachedToRef="call" cancelActivity="false"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
      <bpmn:userTask id="byCodeTask" /><bpmn:sequenceFlow id="f5" sourceRef="byCode" targetRef="byCodeTask" />`;
    const d = (await CoreDriver.fromXml(parent(catchers))).start();
    d.run({ type: 'childEscalated', tokenId: '', childInstanceId: d.spawned[0]!.childInstanceId, escalationCode: 'HEAD' });
    expect(d.openTaskElements()).to.deep.equal(['byCodeTask']);
  });

  it('lets the call activity\'s catch-all boundary take an escalation whose code no boundary names', async () => {
    const catchers = `${boundary('cancelActivity="false"', 'escalationRef="other"').replace('id="b"', 'id="byOther"')}
      <bpmn:boundaryEvent id="b" attachedToRef="call" cancelActivity="false"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
      <bpmn:userTask id="otherTask" /><bpmn:sequenceFlow id="f5" sourceRef="byOther" targetRef="otherTask" />`;
    const d = (await CoreDriver.fromXml(parent(catchers))).start();
    d.run({ type: 'childEscalated', tokenId: '', childInstanceId: d.spawned[0]!.childInstanceId, escalationCode: 'HEAD' });
    expect(d.openTaskElements()).to.deep.equal(['escalated']);
  });

  it('starts an escalation event sub-process of the calling process when no boundary catches it', async () => {
    const esp = `<bpmn:subProcess id="esp" triggeredByEvent="true">
      <bpmn:startEvent id="escStart" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:startEvent>
      <bpmn:userTask id="notifyHead" /><bpmn:endEvent id="espEnd" />
      <bpmn:sequenceFlow id="e1" sourceRef="escStart" targetRef="notifyHead" /><bpmn:sequenceFlow id="e2" sourceRef="notifyHead" targetRef="espEnd" />
    </bpmn:subProcess>`;
    const d = (await CoreDriver.fromXml(parent(`${boundary('', 'escalationRef="other"')}${esp}`))).start();
    d.run({ type: 'childEscalated', tokenId: '', childInstanceId: d.spawned[0]!.childInstanceId, escalationCode: 'HEAD' });
    expect(d.openTaskElements()).to.deep.equal(['notifyHead']);
    expect(d.activeElements()).to.include('call');
  });

  it('passes an escalation the calling process does not catch on to its own caller', async () => {
    const d = (await CoreDriver.fromXml(parent(boundary('', 'escalationRef="other"')))).run({ type: 'start', variables: {}, parent: { instanceId: 'grand', tokenId: 'gt' } });
    d.run({ type: 'childEscalated', tokenId: '', childInstanceId: d.spawned[0]!.childInstanceId, escalationCode: 'HEAD' });
    expect(d.parentNotices).to.deep.equal([{ type: 'instance.notifyParent', parent: { instanceId: 'grand', tokenId: 'gt' }, outcome: 'escalation', variables: {}, escalationCode: 'HEAD' }]);
    expect(d.activeElements()).to.deep.equal(['call']);
  });

  it('changes nothing in the calling process when nothing there catches the escalation either', async () => {
    const d = (await CoreDriver.fromXml(parent(boundary('', 'escalationRef="other"')))).start();
    d.run({ type: 'childEscalated', tokenId: '', childInstanceId: d.spawned[0]!.childInstanceId, escalationCode: 'HEAD' });
    expect(d.activeElements()).to.deep.equal(['call']);
    expect(d.status).to.equal('active');
    expect(d.parentNotices).to.deep.equal([]);
    expect(d.events.some((e) => e.type === 'escalation.unhandled' && e.elementId === 'call')).to.equal(true);
  });
});

describe('escalations out of a called process (on the database)', () => {
  const t = useTestDatabase();
  let engine: Engine;

  beforeEach(() => {
    engine = new Engine({ store: createEnginePort(t.db), clock: new MovableClock(new Date('2026-03-02T08:00:00Z')) });
  });

  async function startParent(childXml: string, catchers: string): Promise<{ id: string; childId: string }> {
    await engine.deploy(childXml);
    await engine.deploy(parent(catchers));
    const { id } = await engine.start('parent');
    const call = (await engine.getInstance(id)).events.find((e) => e.type === 'call.started');
    return { id, childId: (call!.data as { childInstanceId: string }).childInstanceId };
  }

  const open = async (instanceId: string) => (await engine.listTasks({ instanceId })).map((task) => task.elementId).sort();

  it('takes the call activity\'s non-interrupting escalation boundary while the called process goes on', async () => {
    const { id, childId } = await startParent(CHILD_THROWS, boundary('cancelActivity="false"'));
    expect(await open(id)).to.deep.equal(['escalated']);
    expect(await open(childId)).to.deep.equal(['childWork']);
    expect((await engine.getInstance(id)).active.sort()).to.deep.equal(['call', 'escalated']);
    // the called process ends: the call activity completes as usual
    await engine.completeTask((await engine.listTasks({ instanceId: childId }))[0]!.id);
    expect((await engine.getInstance(childId)).status).to.equal('completed');
    expect(await open(id)).to.deep.equal(['afterCall', 'escalated']);
  });

  it('terminates the called process and takes the path of the call activity\'s interrupting escalation boundary', async () => {
    const { id, childId } = await startParent(CHILD_THROWS, boundary(''));
    expect((await engine.getInstance(childId)).status).to.equal('terminated');
    expect(await open(childId)).to.deep.equal([]);
    expect(await open(id)).to.deep.equal(['escalated']);
    expect((await engine.getInstance(id)).active).to.deep.equal(['escalated']);
  });

  it('takes the interrupting boundary when the called process escalates from its end event as it completes', async () => {
    const { id, childId } = await startParent(CHILD_ENDS_ESCALATING, boundary(''));
    await engine.completeTask((await engine.listTasks({ instanceId: childId }))[0]!.id);
    expect((await engine.getInstance(childId)).status).to.equal('completed');
    expect(await open(id)).to.deep.equal(['escalated']);
    expect((await engine.getInstance(id)).active).to.deep.equal(['escalated']);
  });

  it('takes both paths when a non-interrupting boundary catches the escalation of the called process\'s end event', async () => {
    const { id, childId } = await startParent(CHILD_ENDS_ESCALATING, boundary('cancelActivity="false"'));
    await engine.completeTask((await engine.listTasks({ instanceId: childId }))[0]!.id);
    expect(await open(id)).to.deep.equal(['afterCall', 'escalated']);
  });

  it('gives the boundary naming the code precedence over the catch-all', async () => {
    const catchers = `<bpmn:boundaryEvent id="catchAll" attachedToRef="call"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
      <bpmn:userTask id="catchAllTask" /><bpmn:sequenceFlow id="f5" sourceRef="catchAll" targetRef="catchAllTask" />
      ${boundary('')}`;
    const { id, childId } = await startParent(CHILD_THROWS, catchers);
    expect(await open(id)).to.deep.equal(['escalated']);
    expect((await engine.getInstance(childId)).status).to.equal('terminated');
  });

  it('changes nothing when neither the called nor the calling process catches the escalation', async () => {
    const { id, childId } = await startParent(CHILD_THROWS, boundary('', 'escalationRef="other"'));
    expect(await open(childId)).to.deep.equal(['childWork']);
    expect((await engine.getInstance(id)).active).to.deep.equal(['call']);
    expect((await engine.getInstance(id)).events.some((e) => e.type === 'escalation.unhandled')).to.equal(true);
    await engine.completeTask((await engine.listTasks({ instanceId: childId }))[0]!.id);
    expect(await open(id)).to.deep.equal(['afterCall']);
  });
});
