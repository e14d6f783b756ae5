import { expect } from 'chai';
import { bpmn } from '../../support/core-driver.ts';
import { modelProblems } from '../../support/model-problems.ts';

const problems = modelProblems;

const model = (process: string, task: string, flow = '') => bpmn(`<bpmn:process id="p" isExecutable="true">${process}
  <bpmn:startEvent id="s" />${task}<bpmn:endEvent id="e" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t">${flow}</bpmn:sequenceFlow><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" />
</bpmn:process>`);

describe('compileModel refusing listeners', () => {
  it('refuses Camunda 7 execution and task listeners, naming the element and what the listener runs', async () => {
    const found = await problems(model('', `<bpmn:userTask id="t" name="Analiza"><bpmn:extensionElements>
      <camunda:executionListener class="ro.primarie.Audit" event="start" />
      <camunda:taskListener event="create" expression="\${notifier.send(task)}" />
    </bpmn:extensionElements></bpmn:userTask>`));
    expect(found.map((p) => `${p.code}@${p.elementId}`)).to.deep.equal(['listener-unsupported@t', 'listener-unsupported@t']);
    expect(found[0]!.message).to.contain('"Analiza" has an execution listener (class ro.primarie.Audit, on start)');
    expect(found[1]!.message).to.contain('a task listener (expression ${notifier.send(task)}, on create)');
  });

  it('refuses a listener on the process, on a sequence flow and inside a sub-process, and a script listener', async () => {
    const found = await problems(bpmn(`<bpmn:process id="p" isExecutable="true">
      <bpmn:extensionElements><camunda:executionListener event="end"><camunda:script scriptFormat="groovy">println 1</camunda:script></camunda:executionListener></bpmn:extensionElements>
      <bpmn:startEvent id="s" /><bpmn:subProcess id="sub"><bpmn:startEvent id="ss" /><bpmn:manualTask id="m">
        <bpmn:extensionElements><camunda:executionListener delegateExpression="\${audit}" event="end" /></bpmn:extensionElements></bpmn:manualTask>
        <bpmn:sequenceFlow id="sf" sourceRef="ss" targetRef="m" /></bpmn:subProcess><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub"><bpmn:extensionElements><camunda:executionListener expression="\${x}" event="take" /></bpmn:extensionElements></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="e" />
    </bpmn:process>`));
    expect(found.map((p) => `${p.code}@${p.elementId}`)).to.have.members(['listener-unsupported@p', 'listener-unsupported@m', 'listener-unsupported@f1']);
    expect(found.find((p) => p.elementId === 'p')!.message).to.contain('groovy script, on end');
  });

  it('refuses Camunda 8 job listeners', async () => {
    const found = await problems(model('', `<bpmn:userTask id="t"><bpmn:extensionElements>
      <zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /></zeebe:executionListeners>
      <zeebe:taskListeners><zeebe:taskListener eventType="completing" type="check" /></zeebe:taskListeners>
    </bpmn:extensionElements></bpmn:userTask>`));
    expect(found.map((p) => p.message)).to.satisfy((messages: string[]) => messages.some((m) => m.includes('job type audit, on start')) && messages.some((m) => m.includes('job type check, on completing')));
  });

  it('deploys the same model without its listeners', async () => {
    expect(await problems(model('', '<bpmn:userTask id="t" name="Analiza" />'))).to.deep.equal([]);
  });
});
