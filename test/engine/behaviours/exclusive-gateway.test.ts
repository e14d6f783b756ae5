import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

const model = bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:exclusiveGateway id="gw" default="toOther" />
  <bpmn:userTask id="big" /><bpmn:userTask id="small" /><bpmn:userTask id="other" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
  <bpmn:sequenceFlow id="toBig" sourceRef="gw" targetRef="big"><bpmn:conditionExpression>=amount &gt; 1000</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="toSmall" sourceRef="gw" targetRef="small"><bpmn:conditionExpression>amount &gt; 0</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="toOther" sourceRef="gw" targetRef="other" />
</bpmn:process>`);

describe('exclusiveGateway behaviour', () => {
  it('takes the first flow whose condition is true', async () => {
    const d = (await CoreDriver.fromXml(model)).start({ amount: 5000 });
    expect(d.openTaskElements()).to.deep.equal(['big']);
  });

  it('takes a later flow when the first condition is false', async () => {
    const d = (await CoreDriver.fromXml(model)).start({ amount: 10 });
    expect(d.openTaskElements()).to.deep.equal(['small']);
  });

  it('takes the default flow when no condition is true', async () => {
    const d = (await CoreDriver.fromXml(model)).start({ amount: -1 });
    expect(d.openTaskElements()).to.deep.equal(['other']);
  });

  it('does not move when no condition holds and there is no default', async () => {
    const noDefault = model.replace(' default="toOther"', '').replace('<bpmn:sequenceFlow id="toOther" sourceRef="gw" targetRef="other" />', '').replace('<bpmn:userTask id="other" />', '');
    const d = await CoreDriver.fromXml(noDefault);
    expect(() => d.start({ amount: -1 })).to.throw(/no condition/i);
  });
});
