import { expect } from 'chai';
import { Engine } from '../../../engine/engine.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { MovableClock } from '../../support/clock.ts';
import { bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

/**
 * Modelled on Camunda 7's ConditionalStartEventTest (`evaluateStartConditions`): every process-level
 * conditional start of the latest versions is evaluated against the given variables, and each that
 * holds starts one instance with them.
 */
const model = (key: string, condition: string, task = 'work') => bpmn(`
<bpmn:process id="${key}" isExecutable="true">
  <bpmn:startEvent id="when"><bpmn:conditionalEventDefinition><bpmn:condition>${condition}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
  <bpmn:userTask id="${task}" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="when" targetRef="${task}" />
  <bpmn:sequenceFlow id="f1" sourceRef="${task}" targetRef="end" />
</bpmn:process>`);

describe('evaluating conditional start events', () => {
  const t = useTestDatabase();
  const engineOn = () => new Engine({ store: createEnginePort(t.db), clock: new MovableClock(new Date('2026-03-02T08:00:00Z')) });

  it('starts only the procedure whose condition holds, with the variables and business key', async () => {
    // given
    const engine = engineOn();
    await engine.deploy(model('large', '=amount &gt; 1000'));
    await engine.deploy(model('small', '=amount &lt;= 1000'));
    // when
    const started = await engine.evaluateConditions({ amount: 5000 }, { businessKey: 'RG-1' });
    // then
    expect(started.map(({ key, version, startEventId }) => ({ key, version, startEventId }))).to.deep.equal([{ key: 'large', version: 1, startEventId: 'when' }]);
    const instance = await engine.getInstance(started[0]!.id);
    expect(instance.businessKey).to.equal('RG-1');
    expect(instance.variables).to.deep.include({ amount: 5000 });
    expect((await engine.listTasks({ instanceId: started[0]!.id })).map((task) => task.elementId)).to.deep.equal(['work']);
  });

  it('starts nothing when no condition holds, nor when its variable is missing', async () => {
    const engine = engineOn();
    await engine.deploy(model('large', '=amount &gt; 1000'));
    expect(await engine.evaluateConditions({ amount: 10 })).to.deep.equal([]);
    expect(await engine.evaluateConditions({ other: 1 })).to.deep.equal([]);
  });

  it('evaluates the latest version only', async () => {
    const engine = engineOn();
    await engine.deploy(model('p', '=amount &gt; 1000'));
    await engine.deploy(model('p', '=amount &gt; 9000', 'review'));
    expect(await engine.evaluateConditions({ amount: 5000 })).to.deep.equal([]);
    const started = await engine.evaluateConditions({ amount: 10000 });
    expect(started.map(({ key, version }) => ({ key, version }))).to.deep.equal([{ key: 'p', version: 2 }]);
    expect((await engine.listTasks({ instanceId: started[0]!.id })).map((task) => task.elementId)).to.deep.equal(['review']);
  });

  it('leaves event sub-processes\' conditional starts alone', async () => {
    const engine = engineOn();
    await engine.deploy(bpmn(`
<bpmn:process id="esp" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="work" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="work" />
  <bpmn:subProcess id="sub" triggeredByEvent="true">
    <bpmn:startEvent id="withdrawn"><bpmn:conditionalEventDefinition><bpmn:condition>=withdrawn</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
    <bpmn:endEvent id="subEnd" />
    <bpmn:sequenceFlow id="e1" sourceRef="withdrawn" targetRef="subEnd" />
  </bpmn:subProcess>
</bpmn:process>`));
    expect(await engine.evaluateConditions({ withdrawn: true })).to.deep.equal([]);
  });
});
