import { expect } from 'chai';
import { compileModel } from '../../../engine/model/index.ts';
import { bpmn } from '../../support/core-driver.ts';
import { problemCodes } from '../../support/model-problems.ts';

const model = (task: string, process = '') => bpmn(`<bpmn:process id="p" isExecutable="true">${process}
  <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />${task}
  <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" /></bpmn:process>`);

describe('task forms a model carries', () => {
  it('keeps a Camunda 7 generated form under the task\'s id, which becomes its form key', async () => {
    const [def] = await compileModel(model(`<bpmn:userTask id="t"><bpmn:extensionElements><camunda:formData>
      <camunda:formField id="tip" label="Tip" type="enum"><camunda:value id="a" name="Alfa" /></camunda:formField>
      <camunda:formField id="n" type="long" defaultValue="2"><camunda:validation><camunda:constraint name="max" config="9" /></camunda:validation></camunda:formField>
    </camunda:formData></bpmn:extensionElements></bpmn:userTask>`));
    expect(def!.elements.t!.task!.formKey).to.equal('t');
    expect(def!.forms).to.deep.equal({ t: { kind: 'camunda7-fields', fields: [
      { id: 'tip', label: 'Tip', type: 'enum', values: [{ id: 'a', name: 'Alfa' }], constraints: [] },
      { id: 'n', type: 'long', defaultValue: '2', constraints: [{ name: 'max', config: '9' }] },
    ] } });
  });

  it('lets a form key the model gives win over generated fields, as Camunda 7 does', async () => {
    const [def] = await compileModel(model(`<bpmn:userTask id="t" camunda:formKey="verificare"><bpmn:extensionElements><camunda:formData>
      <camunda:formField id="x" type="string" /></camunda:formData></bpmn:extensionElements></bpmn:userTask>`));
    expect(def!.elements.t!.task!.formKey).to.equal('verificare');
    expect(def!.forms).to.equal(undefined);
  });

  it('keeps a Camunda 8 embedded form under the key the task names it by', async () => {
    const [def] = await compileModel(model('<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:f1" /></bpmn:extensionElements></bpmn:userTask>',
      '<bpmn:extensionElements><zeebe:userTaskForm id="f1">{"components":[{"type":"checkbox","key":"ok"}]}</zeebe:userTaskForm></bpmn:extensionElements>'));
    expect(def!.forms).to.deep.equal({ 'camunda-forms:bpmn:f1': { kind: 'camunda-form', form: { components: [{ type: 'checkbox', key: 'ok' }] } } });
  });

  it('refuses an embedded form the process does not hold, or that is not JSON, on the task', async () => {
    const task = '<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:f1" /></bpmn:extensionElements></bpmn:userTask>';
    expect(await problemCodes(model(task))).to.deep.equal(['form-missing@t']);
    expect(await problemCodes(model(task, '<bpmn:extensionElements><zeebe:userTaskForm id="f1">{"components": [</zeebe:userTaskForm></bpmn:extensionElements>'))).to.deep.equal(['form-invalid@t']);
  });

  it('keeps the none start event\'s form as the start form (Camunda 7 fields, Camunda 8 embedded), not a message start\'s', async () => {
    const withStart = (start: string, process = '') => bpmn(`<bpmn:process id="p" isExecutable="true">${process}
      ${start}<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" /></bpmn:process>`);
    const [c7] = await compileModel(withStart('<bpmn:startEvent id="s"><bpmn:extensionElements><camunda:formData><camunda:formField id="nume" type="string" /></camunda:formData></bpmn:extensionElements></bpmn:startEvent>'));
    expect(c7!.startForm).to.equal('s');
    expect(c7!.forms!.s).to.deep.equal({ kind: 'camunda7-fields', fields: [{ id: 'nume', type: 'string', constraints: [] }] });
    const [c8] = await compileModel(withStart('<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:f1" /></bpmn:extensionElements></bpmn:startEvent>',
      '<bpmn:extensionElements><zeebe:userTaskForm id="f1">{"components":[]}</zeebe:userTaskForm></bpmn:extensionElements>'));
    expect(c8!.startForm).to.equal('camunda-forms:bpmn:f1');
    const [message] = await compileModel(bpmn(`<bpmn:message id="m" name="cerere" /><bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="s"><bpmn:extensionElements><camunda:formData><camunda:formField id="nume" type="string" /></camunda:formData></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" /></bpmn:process>`));
    expect(message!.startForm).to.equal(undefined);
  });
});
