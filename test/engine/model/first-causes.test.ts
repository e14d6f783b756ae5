import { expect } from 'chai';
import { AppError } from '../../../engine/errors.ts';
import { compileModel } from '../../../engine/model/index.ts';
import { bpmn } from '../../support/core-driver.ts';

/** Each problem a modeller reads names a cause; what a refused element makes unknowable is not checked. */
async function codes(inner: string, withStart = true): Promise<string[]> {
  try {
    await compileModel(bpmn(`<bpmn:message id="m" name="paid" /><bpmn:process id="p" isExecutable="true">${withStart ? '<bpmn:startEvent id="s" />' : ''}${inner}</bpmn:process>`));
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return ((err as AppError).problems ?? []).map((p) => `${p.code}@${p.elementId}`);
  }
  return [];
}

const noTime = '<bpmn:timerEventDefinition />';
const message = (id: string) => `<bpmn:intermediateCatchEvent id="${id}"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>`;

describe('compileModel reporting first causes only', () => {
  it('counts an event gateway\'s flow to a refused event among its outgoing flows', async () => {
    const found = await codes(`${message('m1')}${message('m2')}<bpmn:intermediateCatchEvent id="t">${noTime}</bpmn:intermediateCatchEvent>
      <bpmn:eventBasedGateway id="g" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" /><bpmn:sequenceFlow id="g1" sourceRef="g" targetRef="m1" />
      <bpmn:sequenceFlow id="g2" sourceRef="g" targetRef="m2" /><bpmn:sequenceFlow id="g3" sourceRef="g" targetRef="t" />
      <bpmn:sequenceFlow id="x1" sourceRef="m1" targetRef="e" /><bpmn:sequenceFlow id="x2" sourceRef="m2" targetRef="e" /><bpmn:sequenceFlow id="x3" sourceRef="t" targetRef="e" />`);
    expect(found).to.deep.equal(['timer-invalid@t']);
  });

  it('does not say a boundary event has no outgoing flow when its flow leads to a refused element', async () => {
    const found = await codes(`<bpmn:userTask id="t" /><bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:transaction id="script" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" />
      <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="script" /><bpmn:sequenceFlow id="f4" sourceRef="script" targetRef="e" />`);
    expect(found).to.deep.equal(['unsupported-element@script']);
  });

  it('does not say an event sub-process lacks its start event when that start was refused', async () => {
    const found = await codes(`<bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" />
      <bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="es">${noTime}</bpmn:startEvent><bpmn:endEvent id="ee" />
      <bpmn:sequenceFlow id="ef" sourceRef="es" targetRef="ee" /></bpmn:subProcess>`);
    expect(found).to.deep.equal(['timer-invalid@es']);
  });

  it('does not say a process has no start event, nor that its elements are unreachable, when its start was refused', async () => {
    const found = await codes(`<bpmn:startEvent id="s">${noTime}</bpmn:startEvent><bpmn:userTask id="t" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" />`, false);
    expect(found).to.deep.equal(['timer-invalid@s']);
  });

  it('does not call what follows a refused element unreachable', async () => {
    const found = await codes(`<bpmn:transaction id="script" /><bpmn:userTask id="t" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="script" /><bpmn:sequenceFlow id="f2" sourceRef="script" targetRef="t" /><bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="e" />`);
    expect(found).to.deep.equal(['unsupported-element@script']);
  });

  it('does not check a boundary event attached to a refused activity', async () => {
    const found = await codes(`<bpmn:transaction id="script" /><bpmn:boundaryEvent id="b" attachedToRef="script"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="script" /><bpmn:sequenceFlow id="f2" sourceRef="script" targetRef="e" /><bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="e" />`);
    expect(found).to.deep.equal(['unsupported-element@script']);
  });

  it('does not say a flow has no condition when its condition was refused', async () => {
    const found = await codes(`<bpmn:exclusiveGateway id="g" default="f2" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" /><bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="a"><bpmn:conditionExpression>x &gt;* 2</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="b" /><bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="b"><bpmn:conditionExpression>y &gt;* 2</bpmn:conditionExpression></bpmn:sequenceFlow>`);
    expect(found).to.deep.equal(['condition-invalid@f1', 'condition-invalid@f3']);
  });

  it('reports a message reference that points nowhere once, not again as a missing message', async () => {
    expect(await codes('<bpmn:intermediateCatchEvent id="c"><bpmn:messageEventDefinition id="md" messageRef="nowhere" /></bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="c" />'))
      .to.deep.equal(['reference-unknown@md']);
  });

  it('still reports an unreachable element that no refusal explains', async () => {
    expect(await codes('<bpmn:transaction id="script" /><bpmn:userTask id="lost" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="script" />'))
      .to.deep.equal(['unsupported-element@script', 'unreachable-element@lost']);
  });
});
