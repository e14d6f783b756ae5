import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

/**
 * BPMN 2.0.2, 10.5.2: without a start event, every flow node with no incoming sequence flow starts
 * with the process (or sub-process); boundary events, event sub-processes and compensation handlers
 * wait for their triggers. Modelled on bpmn-engine's "process without start event" tests.
 */
describe('implicit start (no start event)', () => {
  it('starts a process at every node without an incoming flow, and ends when all paths end', async () => {
    const d = (await CoreDriver.fromXml(bpmn(`<bpmn:process id="p" isExecutable="true">
      <bpmn:userTask id="a" /><bpmn:userTask id="b" /><bpmn:endEvent id="ea" /><bpmn:endEvent id="eb" />
      <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="ea" /><bpmn:sequenceFlow id="f2" sourceRef="b" targetRef="eb" />
    </bpmn:process>`))).start();
    expect(d.openTaskElements()).to.deep.equal(['a', 'b']);
    d.completeTask('a');
    expect(d.status).to.equal('active');
    d.completeTask('b');
    expect(d.status).to.equal('completed');
  });

  it('keeps a path that ends at once from ending the instance before the others start', async () => {
    const d = (await CoreDriver.fromXml(bpmn(`<bpmn:process id="p" isExecutable="true">
      <bpmn:endEvent id="done" /><bpmn:userTask id="t" />
    </bpmn:process>`))).start();
    expect(d.openTaskElements()).to.deep.equal(['t']);
    expect(d.status).to.equal('active');
  });

  it('does not start a boundary event, an event sub-process or a compensation handler', async () => {
    const d = (await CoreDriver.fromXml(bpmn(`<bpmn:message id="m" name="stop" /><bpmn:process id="p" isExecutable="true">
      <bpmn:userTask id="t" /><bpmn:boundaryEvent id="late" attachedToRef="t"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:userTask id="chase" /><bpmn:sequenceFlow id="f1" sourceRef="late" targetRef="chase" />
      <bpmn:boundaryEvent id="undo" attachedToRef="t"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
      <bpmn:userTask id="refund" isForCompensation="true" /><bpmn:association id="a1" associationDirection="One" sourceRef="undo" targetRef="refund" />
      <bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="es"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
        <bpmn:endEvent id="ee" /><bpmn:sequenceFlow id="f2" sourceRef="es" targetRef="ee" /></bpmn:subProcess>
    </bpmn:process>`))).start();
    expect(d.openTaskElements()).to.deep.equal(['t']);
  });

  it('starts a sub-process without a start event at its nodes without incoming flows', async () => {
    const d = (await CoreDriver.fromXml(bpmn(`<bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="s" /><bpmn:subProcess id="sub"><bpmn:userTask id="x" /><bpmn:userTask id="y" /></bpmn:subProcess>
      <bpmn:userTask id="after" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub" /><bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="after" />
    </bpmn:process>`))).start();
    expect(d.openTaskElements()).to.deep.equal(['x', 'y']);
    d.completeTask('x');
    d.completeTask('y');
    expect(d.openTaskElements()).to.deep.equal(['after']);
  });
});
