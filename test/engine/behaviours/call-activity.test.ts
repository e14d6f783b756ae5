import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

const xml = bpmn(`
<bpmn:process id="parent" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:callActivity id="call" calledElement="child">
    <bpmn:extensionElements><zeebe:calledElement processId="child" /><zeebe:ioMapping><zeebe:input source="=amount * 2" target="doubled" /><zeebe:output source="=result" target="childResult" /></zeebe:ioMapping></bpmn:extensionElements>
  </bpmn:callActivity>
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="call" />
  <bpmn:sequenceFlow id="f1" sourceRef="call" targetRef="end" />
</bpmn:process>`);

describe('callActivity behaviour', () => {
  it('spawns the called procedure with mapped inputs and waits', async () => {
    const d = (await CoreDriver.fromXml(xml)).start({ amount: 21 });
    expect(d.spawned).to.have.length(1);
    expect(d.spawned[0]!.key).to.equal('child');
    expect(d.spawned[0]!.variables).to.deep.equal({ doubled: 42 });
    expect(d.activeElements()).to.deep.equal(['call']);
  });

  it('maps the child result back when the child completes', async () => {
    const d = (await CoreDriver.fromXml(xml)).start({ amount: 21 });
    d.run({ type: 'childCompleted', tokenId: '', childInstanceId: d.spawned[0]!.childInstanceId, variables: { result: 'ok' } });
    expect(d.status).to.equal('completed');
    expect(d.variables.childResult).to.equal('ok');
  });
});
