import { expect } from 'chai';
import { Engine } from '../../../engine/engine.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';
import { MovableClock } from '../../support/clock.ts';
import { useTestDatabase } from '../../support/database.ts';

/**
 * Modelled on Camunda 7's SignalEventTest and bpmn-engine's signal tests: a broadcast reaches every
 * waiting instance (catch, boundary, event sub-process) and starts procedures with a signal start
 * event; a throw event broadcasts to other instances and its own; an unheard signal does nothing.
 */
const SIGNAL = '<bpmn:signal id="lawChanged" name="law-changed" />';

const waiting = bpmn(`${SIGNAL}
<bpmn:process id="waiting" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="lawChanged" /></bpmn:intermediateCatchEvent>
  <bpmn:userTask id="review" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="wait" />
  <bpmn:sequenceFlow id="f1" sourceRef="wait" targetRef="review" />
  <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
</bpmn:process>`);

const withBoundaries = bpmn(`${SIGNAL}<bpmn:signal id="reminder" name="reminder" />
<bpmn:process id="bounded" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="work" />
  <bpmn:boundaryEvent id="stop" attachedToRef="work"><bpmn:signalEventDefinition signalRef="lawChanged" /></bpmn:boundaryEvent>
  <bpmn:boundaryEvent id="nudge" attachedToRef="work" cancelActivity="false"><bpmn:signalEventDefinition signalRef="reminder" /></bpmn:boundaryEvent>
  <bpmn:userTask id="redo" />
  <bpmn:userTask id="nudged" />
  <bpmn:endEvent id="end" /><bpmn:endEvent id="end2" /><bpmn:endEvent id="end3" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="work" />
  <bpmn:sequenceFlow id="f1" sourceRef="work" targetRef="end" />
  <bpmn:sequenceFlow id="f2" sourceRef="stop" targetRef="redo" />
  <bpmn:sequenceFlow id="f3" sourceRef="redo" targetRef="end2" />
  <bpmn:sequenceFlow id="f4" sourceRef="nudge" targetRef="nudged" />
  <bpmn:sequenceFlow id="f5" sourceRef="nudged" targetRef="end3" />
</bpmn:process>`);

const startedBySignal = bpmn(`${SIGNAL}
<bpmn:process id="recheck" isExecutable="true">
  <bpmn:startEvent id="onLaw"><bpmn:signalEventDefinition signalRef="lawChanged" /></bpmn:startEvent>
  <bpmn:userTask id="recheckAll" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="onLaw" targetRef="recheckAll" />
  <bpmn:sequenceFlow id="f1" sourceRef="recheckAll" targetRef="end" />
</bpmn:process>`);

const thrower = bpmn(`${SIGNAL}
<bpmn:process id="council" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="vote" />
  <bpmn:intermediateThrowEvent id="announce"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=decision" target="decision" /></zeebe:ioMapping></bpmn:extensionElements><bpmn:signalEventDefinition signalRef="lawChanged" /></bpmn:intermediateThrowEvent>
  <bpmn:endEvent id="end"><bpmn:signalEventDefinition signalRef="lawChanged" /></bpmn:endEvent>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="vote" />
  <bpmn:sequenceFlow id="f1" sourceRef="vote" targetRef="announce" />
  <bpmn:sequenceFlow id="f2" sourceRef="announce" targetRef="end" />
</bpmn:process>`);

const withEventSubProcess = bpmn(`${SIGNAL}
<bpmn:process id="esp" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="work" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="work" />
  <bpmn:sequenceFlow id="f1" sourceRef="work" targetRef="end" />
  <bpmn:subProcess id="sub" triggeredByEvent="true">
    <bpmn:startEvent id="onLaw" isInterrupting="false"><bpmn:signalEventDefinition signalRef="lawChanged" /></bpmn:startEvent>
    <bpmn:userTask id="inform" />
    <bpmn:endEvent id="subEnd" />
    <bpmn:sequenceFlow id="s0" sourceRef="onLaw" targetRef="inform" />
    <bpmn:sequenceFlow id="s1" sourceRef="inform" targetRef="subEnd" />
  </bpmn:subProcess>
</bpmn:process>`);

describe('signal events', () => {
  const t = useTestDatabase();
  let engine: Engine;

  beforeEach(() => {
    engine = new Engine({ store: createEnginePort(t.db), clock: new MovableClock(new Date('2026-03-02T08:00:00Z')) });
  });

  const tasksAt = async (elementId: string) => (await engine.listTasks({ limit: 1000 })).filter((task) => task.elementId === elementId);

  describe('a broadcast through the engine', () => {
    it('reaches every instance waiting at a catch event, with its variables', async () => {
      await engine.deploy(waiting);
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await engine.start('waiting')).id);
      const result = await engine.broadcastSignal('law-changed', { law: 'Legea 1/2026' });
      expect(result).to.deep.equal({ signalName: 'law-changed', deliveries: 3 });
      expect((await tasksAt('review')).map((task) => task.instanceId).sort()).to.deep.equal(ids.sort());
      expect((await engine.getInstance(ids[0]!)).variables).to.deep.include({ law: 'Legea 1/2026' });
      expect(await engine.store.countSignalDeliveries()).to.equal(0);
    });

    it('starts a procedure with a signal start event, once per broadcast', async () => {
      await engine.deploy(startedBySignal);
      await engine.broadcastSignal('law-changed', { law: 'HCL 12/2026' });
      const tasks = await tasksAt('recheckAll');
      expect(tasks).to.have.length(1);
      expect((await engine.getInstance(tasks[0]!.instanceId)).variables).to.deep.equal({ law: 'HCL 12/2026' });
    });

    it('does nothing when nobody waits for the signal', async () => {
      await engine.deploy(waiting);
      const { id } = await engine.start('waiting');
      expect(await engine.broadcastSignal('something-else')).to.deep.equal({ signalName: 'something-else', deliveries: 0 });
      expect((await engine.getInstance(id)).active).to.deep.equal(['wait']);
    });

    it('delivers in several transactions to more instances than a batch, each once', async function () {
      this.timeout(60_000);
      await engine.deploy(waiting);
      for (let i = 0; i < 120; i++) await engine.start('waiting');
      const result = await engine.broadcastSignal('law-changed');
      expect(result.deliveries).to.equal(120);
      expect(await tasksAt('review')).to.have.length(120);
      expect(await engine.store.countSignalDeliveries()).to.equal(0);
    });
  });

  describe('boundary events', () => {
    it('interrupt the task, or leave it open when non-interrupting, and a non-interrupting one keeps listening', async () => {
      await engine.deploy(withBoundaries);
      const { id } = await engine.start('bounded');
      await engine.broadcastSignal('reminder');
      await engine.broadcastSignal('reminder');
      expect((await engine.listTasks({ instanceId: id })).map((task) => task.elementId).sort()).to.deep.equal(['nudged', 'nudged', 'work']);
      await engine.broadcastSignal('law-changed');
      expect((await engine.listTasks({ instanceId: id })).map((task) => task.elementId).sort()).to.deep.equal(['nudged', 'nudged', 'redo']);
      // The interrupted task's non-interrupting boundary no longer listens.
      expect((await engine.broadcastSignal('reminder')).deliveries).to.equal(0);
    });
  });

  describe('an event sub-process with a signal start', () => {
    it('starts beside the running work when non-interrupting', async () => {
      await engine.deploy(withEventSubProcess);
      const { id } = await engine.start('esp');
      await engine.broadcastSignal('law-changed');
      expect((await engine.listTasks({ instanceId: id })).map((task) => task.elementId).sort()).to.deep.equal(['inform', 'work']);
    });
  });

  describe('throw events', () => {
    it('broadcast to other instances with the mapped variables, delivered by the next tick', async () => {
      await engine.deploy(waiting);
      await engine.deploy(thrower);
      const waiter = await engine.start('waiting');
      const council = await engine.start('council');
      const [vote] = await engine.listTasks({ instanceId: council.id });
      await engine.completeTask(vote!.id, { decision: 'approved', secret: 'not sent' });
      expect((await engine.getInstance(council.id)).status).to.equal('completed');
      // Two throws in the step (the intermediate one, then the end event), each seeing the waiter's
      // subscription; the waiter catches the first, and the second finds it gone.
      expect(await engine.store.countSignalDeliveries()).to.equal(2);
      await engine.tick();
      expect(await engine.store.countSignalDeliveries()).to.equal(0);
      const view = await engine.getInstance(waiter.id);
      expect(view.active).to.deep.equal(['review']);
      expect(await engine.listTasks({ instanceId: waiter.id })).to.have.length(1);
      expect(view.variables).to.deep.equal({ decision: 'approved' });
    });

    it('is not delivered twice when the deliverer runs again', async () => {
      await engine.deploy(waiting);
      await engine.deploy(thrower);
      const waiter = await engine.start('waiting');
      const council = await engine.start('council');
      const [vote] = await engine.listTasks({ instanceId: council.id });
      await engine.completeTask(vote!.id, { decision: 'approved' });
      await engine.tick();
      expect((await engine.tick()).signals).to.equal(0);
      expect(await engine.listTasks({ instanceId: waiter.id })).to.have.length(1);
    });
  });

  describe('a broadcast left undelivered by a crash', () => {
    it('is delivered by any later tick', async () => {
      await engine.deploy(waiting);
      const { id } = await engine.start('waiting');
      // Recorded as broadcastSignal records it, but the process died before delivering.
      await engine.store.broadcastSignal('law-changed', {}, new Date());
      const other = new Engine({ store: createEnginePort(t.db) });
      expect((await other.tick()).signals).to.equal(1);
      expect((await engine.getInstance(id)).active).to.deep.equal(['review']);
    });
  });
});

describe('a signal after an event-based gateway', () => {
  const raced = bpmn(`${SIGNAL}
<bpmn:process id="race" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:eventBasedGateway id="gw" />
  <bpmn:intermediateCatchEvent id="law"><bpmn:signalEventDefinition signalRef="lawChanged" /></bpmn:intermediateCatchEvent>
  <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:userTask id="recheck" /><bpmn:userTask id="archive" />
  <bpmn:endEvent id="end1" /><bpmn:endEvent id="end2" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
  <bpmn:sequenceFlow id="f1" sourceRef="gw" targetRef="law" />
  <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="timeout" />
  <bpmn:sequenceFlow id="f3" sourceRef="law" targetRef="recheck" />
  <bpmn:sequenceFlow id="f4" sourceRef="timeout" targetRef="archive" />
  <bpmn:sequenceFlow id="f5" sourceRef="recheck" targetRef="end1" />
  <bpmn:sequenceFlow id="f6" sourceRef="archive" targetRef="end2" />
</bpmn:process>`);

  it('wins the race and disarms the timer', async () => {
    const d = (await CoreDriver.fromXml(raced)).start().signal('law-changed');
    expect(d.openTaskElements()).to.deep.equal(['recheck']);
    expect(d.timers.size).to.equal(0);
    expect(d.subscriptions.size).to.equal(0);
  });

  it('is disarmed when the timer wins', async () => {
    const d = (await CoreDriver.fromXml(raced)).start().fireTimerAt('timeout');
    expect(d.openTaskElements()).to.deep.equal(['archive']);
    expect(d.subscriptions.size).to.equal(0);
  });
});
