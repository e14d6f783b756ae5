import { expect } from 'chai';
import { Engine } from '../../../engine/engine.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { MovableClock } from '../../support/clock.ts';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

/**
 * Modelled on Camunda 7's CompensateEventTest: handlers run for completed activities only, the
 * last completed first; a throw with activityRef compensates that activity alone; the throwing
 * token waits for the handlers; a completed sub-process hands its activities to its scope.
 */
function model(thrower: string, extra = ''): string {
  return bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:serviceTask id="payFee" dosar:handler="noop" />
  <bpmn:boundaryEvent id="cPay" attachedToRef="payFee"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
  <bpmn:userTask id="refundFee" isForCompensation="true" />
  <bpmn:association id="a1" associationDirection="One" sourceRef="cPay" targetRef="refundFee" />
  <bpmn:serviceTask id="register" dosar:handler="noop" />
  <bpmn:boundaryEvent id="cReg" attachedToRef="register"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
  <bpmn:userTask id="unregister" isForCompensation="true" />
  <bpmn:association id="a2" associationDirection="One" sourceRef="cReg" targetRef="unregister" />
  <bpmn:userTask id="decide" />
  ${thrower}
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="payFee" />
  <bpmn:sequenceFlow id="f1" sourceRef="payFee" targetRef="register" />
  <bpmn:sequenceFlow id="f2" sourceRef="register" targetRef="decide" />
  <bpmn:sequenceFlow id="f3" sourceRef="decide" targetRef="undo" />
  ${extra}
</bpmn:process>`);
}

const throwAll = `<bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
  <bpmn:userTask id="afterUndo" />
  <bpmn:sequenceFlow id="f4" sourceRef="undo" targetRef="afterUndo" /><bpmn:sequenceFlow id="f5" sourceRef="afterUndo" targetRef="end" />`;

function toDecision(d: CoreDriver): CoreDriver {
  return d.start().completeJob('payFee').completeJob('register');
}

describe('compensation events', () => {
  describe('an intermediate throw without activityRef', () => {
    it('runs the handlers of every completed activity, the last completed first, then moves on', async () => {
      const d = toDecision(await CoreDriver.fromXml(model(throwAll))).completeTask('decide');
      expect(d.openTaskElements()).to.deep.equal(['unregister']);
      d.completeTask('unregister');
      expect(d.openTaskElements()).to.deep.equal(['refundFee']);
      d.completeTask('refundFee');
      expect(d.openTaskElements()).to.deep.equal(['afterUndo']);
      d.completeTask('afterUndo');
      expect(d.status).to.equal('completed');
    });
  });

  describe('a throw naming an activity', () => {
    it('compensates that activity only', async () => {
      const thrower = throwAll.replace('<bpmn:compensateEventDefinition />', '<bpmn:compensateEventDefinition activityRef="payFee" />');
      const d = toDecision(await CoreDriver.fromXml(model(thrower))).completeTask('decide');
      expect(d.openTaskElements()).to.deep.equal(['refundFee']);
      d.completeTask('refundFee');
      expect(d.openTaskElements()).to.deep.equal(['afterUndo']);
    });
  });

  describe('an activity that has not completed', () => {
    it('is not compensated', async () => {
      // register comes after the throw here: only payFee has completed when compensation is thrown.
      const xml = model(throwAll)
        .replace('<bpmn:sequenceFlow id="f1" sourceRef="payFee" targetRef="register" />', '<bpmn:sequenceFlow id="f1" sourceRef="payFee" targetRef="decide" />')
        .replace('<bpmn:sequenceFlow id="f2" sourceRef="register" targetRef="decide" />', '<bpmn:sequenceFlow id="f2" sourceRef="register" targetRef="end" />')
        .replace('<bpmn:sequenceFlow id="f5" sourceRef="afterUndo" targetRef="end" />', '<bpmn:sequenceFlow id="f5" sourceRef="afterUndo" targetRef="register" />');
      const d = (await CoreDriver.fromXml(xml)).start().completeJob('payFee').completeTask('decide');
      expect(d.openTaskElements()).to.deep.equal(['refundFee']);
      d.completeTask('refundFee');
      expect(d.openTaskElements()).to.deep.equal(['afterUndo']);
    });
  });

  describe('a compensation end event', () => {
    it('ends its token after the handlers have run', async () => {
      const thrower = '<bpmn:endEvent id="undo"><bpmn:compensateEventDefinition /></bpmn:endEvent>';
      const d = toDecision(await CoreDriver.fromXml(model(thrower).replace('<bpmn:endEvent id="end" />', ''))).completeTask('decide');
      d.completeTask('unregister');
      expect(d.status).to.equal('active');
      d.completeTask('refundFee');
      expect(d.status).to.equal('completed');
      expect(d.events.filter((e) => e.type === 'compensation.started').map((e) => e.elementId)).to.deep.equal(['register', 'payFee']);
    });
  });

  describe('each completed activity', () => {
    it('is compensated once', async () => {
      const twice = `<bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
        <bpmn:intermediateThrowEvent id="undoAgain"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
        <bpmn:sequenceFlow id="f4" sourceRef="undo" targetRef="undoAgain" /><bpmn:sequenceFlow id="f5" sourceRef="undoAgain" targetRef="end" />`;
      const d = toDecision(await CoreDriver.fromXml(model(twice))).completeTask('decide').completeTask('unregister').completeTask('refundFee');
      expect(d.status).to.equal('completed');
      expect(d.events.filter((e) => e.type === 'compensation.started')).to.have.length(2);
    });
  });

  describe('a completed sub-process without a handler of its own', () => {
    it('has its inner activities compensated when the throw names the sub-process', async () => {
      const xml = bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:subProcess id="sub">
    <bpmn:startEvent id="s0" />
    <bpmn:userTask id="pay" />
    <bpmn:boundaryEvent id="cPay" attachedToRef="pay"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    <bpmn:userTask id="refund" isForCompensation="true" />
    <bpmn:association id="a1" sourceRef="cPay" targetRef="refund" />
    <bpmn:endEvent id="s9" />
    <bpmn:sequenceFlow id="s1" sourceRef="s0" targetRef="pay" />
    <bpmn:sequenceFlow id="s2" sourceRef="pay" targetRef="s9" />
  </bpmn:subProcess>
  <bpmn:endEvent id="undo"><bpmn:compensateEventDefinition activityRef="sub" /></bpmn:endEvent>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="sub" />
  <bpmn:sequenceFlow id="f1" sourceRef="sub" targetRef="undo" />
</bpmn:process>`);
      const d = (await CoreDriver.fromXml(xml)).start().completeTask('pay');
      expect(d.openTaskElements()).to.deep.equal(['refund']);
      d.completeTask('refund');
      expect(d.status).to.equal('completed');
    });
  });

  describe('a compensation end event in an event sub-process', () => {
    it('compensates what the interrupted process had completed when the request is withdrawn', async () => {
      const espXml = model('<bpmn:endEvent id="undo" />', `<bpmn:message id="m" name="withdrawn" />
  <bpmn:subProcess id="onWithdrawal" triggeredByEvent="true">
    <bpmn:startEvent id="withdrawn"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
    <bpmn:endEvent id="undoAll"><bpmn:compensateEventDefinition /></bpmn:endEvent>
    <bpmn:sequenceFlow id="w1" sourceRef="withdrawn" targetRef="undoAll" />
  </bpmn:subProcess>`).replace('<bpmn:endEvent id="end" />', '');
      // The message element belongs beside the process, not in it.
      const xml = espXml.replace('<bpmn:message id="m" name="withdrawn" />', '').replace('<bpmn:process id="p"', '<bpmn:message id="m" name="withdrawn" /><bpmn:process id="p"');
      const d = toDecision(await CoreDriver.fromXml(xml)).correlate('withdrawn');
      expect(d.openTaskElements()).to.deep.equal(['unregister']);
      d.completeTask('unregister').completeTask('refundFee');
      expect(d.status).to.equal('completed');
    });
  });

  describe('a compensation event sub-process', () => {
    it('compensates its completed sub-process in its stead, and may compensate the inner activities itself', async () => {
      const xml = bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:subProcess id="sub">
    <bpmn:startEvent id="s0" />
    <bpmn:userTask id="pay" />
    <bpmn:boundaryEvent id="cPay" attachedToRef="pay"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    <bpmn:userTask id="refund" isForCompensation="true" />
    <bpmn:association id="a1" sourceRef="cPay" targetRef="refund" />
    <bpmn:endEvent id="s9" />
    <bpmn:sequenceFlow id="s1" sourceRef="s0" targetRef="pay" />
    <bpmn:sequenceFlow id="s2" sourceRef="pay" targetRef="s9" />
    <bpmn:subProcess id="onCompensation" triggeredByEvent="true">
      <bpmn:startEvent id="c0"><bpmn:compensateEventDefinition /></bpmn:startEvent>
      <bpmn:userTask id="notifyCitizen" />
      <bpmn:intermediateThrowEvent id="undoInner"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
      <bpmn:endEvent id="c9" />
      <bpmn:sequenceFlow id="c1" sourceRef="c0" targetRef="notifyCitizen" />
      <bpmn:sequenceFlow id="c2" sourceRef="notifyCitizen" targetRef="undoInner" />
      <bpmn:sequenceFlow id="c3" sourceRef="undoInner" targetRef="c9" />
    </bpmn:subProcess>
  </bpmn:subProcess>
  <bpmn:endEvent id="undo"><bpmn:compensateEventDefinition activityRef="sub" /></bpmn:endEvent>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="sub" />
  <bpmn:sequenceFlow id="f1" sourceRef="sub" targetRef="undo" />
</bpmn:process>`);
      const d = (await CoreDriver.fromXml(xml)).start().completeTask('pay');
      expect(d.openTaskElements()).to.deep.equal(['notifyCitizen']);
      d.completeTask('notifyCitizen');
      expect(d.openTaskElements()).to.deep.equal(['refund']);
      d.completeTask('refund');
      expect(d.status).to.equal('completed');
    });
  });

  describe('at deploy', () => {
    it('refuses a compensation boundary event with no handler associated', async () => {
      const xml = model(throwAll).replace('<bpmn:association id="a1" associationDirection="One" sourceRef="cPay" targetRef="refundFee" />', '');
      const err = await CoreDriver.fromXml(xml).catch((e: unknown) => e as { problems?: Array<{ code: string; elementId: string }> });
      expect(err).to.have.property('problems').that.satisfies((ps: Array<{ code: string; elementId: string }>) => ps.some((p) => p.code === 'compensation-invalid' && p.elementId === 'cPay'));
    });

    it('refuses a compensation event sub-process at process level, which has no completed sub-process to stand for', async () => {
      const xml = model(throwAll, `<bpmn:subProcess id="onCompensation" triggeredByEvent="true">
    <bpmn:startEvent id="c0"><bpmn:compensateEventDefinition /></bpmn:startEvent><bpmn:endEvent id="c9" />
    <bpmn:sequenceFlow id="c1" sourceRef="c0" targetRef="c9" />
  </bpmn:subProcess>`);
      const err = await CoreDriver.fromXml(xml).catch((e: unknown) => e as { problems?: Array<{ code: string; elementId: string }> });
      expect(err).to.have.property('problems').that.satisfies((ps: Array<{ code: string; elementId: string }>) => ps.some((p) => p.code === 'unsupported-element' && p.elementId === 'c0'));
    });

    it('accepts handlers that no sequence flow reaches', async () => {
      const defs = await CoreDriver.fromXml(model(throwAll));
      expect(defs.def.elements.refundFee!.forCompensation).to.equal(true);
      expect(defs.def.elements.cPay!.compensateWith).to.equal('refundFee');
    });
  });
});

describe('compensation on the database', () => {
  const t = useTestDatabase();

  it('refunds and unregisters, last done first, when the request is withdrawn after its jobs ran', async () => {
    // given: the fee and the registration are service-task jobs (the built-in noop handler) run by the executor
    const engine = new Engine({ store: createEnginePort(t.db), clock: new MovableClock(new Date('2026-03-02T08:00:00Z')) });
    await engine.deploy(model(throwAll));
    const { id } = await engine.start('p');
    expect((await engine.tick()).jobs).to.equal(2);
    const open = async () => (await engine.listTasks({ instanceId: id })).map((task) => task.elementId);
    // when
    await engine.completeTask((await engine.listTasks({ instanceId: id }))[0]!.id);
    // then: one handler at a time, each step saved and reloaded
    expect(await open()).to.deep.equal(['unregister']);
    await engine.completeTask((await engine.listTasks({ instanceId: id }))[0]!.id);
    expect(await open()).to.deep.equal(['refundFee']);
    await engine.completeTask((await engine.listTasks({ instanceId: id }))[0]!.id);
    expect(await open()).to.deep.equal(['afterUndo']);
  });
});
