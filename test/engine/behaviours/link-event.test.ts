import { expect } from 'chai';
import type { AppError, Problem } from '../../../engine/errors.ts';
import { compileModel } from '../../../engine/model/index.ts';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

const link = (id: string, kind: 'Throw' | 'Catch', name: string) =>
  `<bpmn:intermediate${kind}Event id="${id}"><bpmn:linkEventDefinition name="${name}" /></bpmn:intermediate${kind}Event>`;

async function problems(xml: string): Promise<string[]> {
  try {
    await compileModel(xml);
    return [];
  } catch (err) {
    return ((err as AppError).problems ?? []).map((p: Problem) => `${p.code}@${p.elementId}`);
  }
}

describe('link events', () => {
  it('goes on at the catch link of the same name, without waiting', async () => {
    const d = (await CoreDriver.fromXml(bpmn(`<bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="s" />${link('toB', 'Throw', 'B')}${link('atB', 'Catch', 'B')}<bpmn:userTask id="t" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="toB" /><bpmn:sequenceFlow id="f1" sourceRef="atB" targetRef="t" />
      <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /></bpmn:process>`))).start();
    expect(d.activeElements()).to.deep.equal(['t']);
    expect(d.completed('toB') && d.completed('atB')).to.equal(true);
    d.completeTask('t');
    expect(d.status).to.equal('completed');
  });

  it('pairs links level by level: a sub-process has names of its own', async () => {
    const d = (await CoreDriver.fromXml(bpmn(`<bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="sub" />
      <bpmn:subProcess id="sub"><bpmn:startEvent id="ss" />${link('innerThrow', 'Throw', 'X')}${link('innerCatch', 'Catch', 'X')}<bpmn:userTask id="inner" />
        <bpmn:sequenceFlow id="g0" sourceRef="ss" targetRef="innerThrow" /><bpmn:sequenceFlow id="g1" sourceRef="innerCatch" targetRef="inner" /></bpmn:subProcess>
      <bpmn:sequenceFlow id="f1" sourceRef="sub" targetRef="outerThrow" />${link('outerThrow', 'Throw', 'X')}
      ${link('outerCatch', 'Catch', 'X')}<bpmn:userTask id="outer" /><bpmn:sequenceFlow id="f2" sourceRef="outerCatch" targetRef="outer" /></bpmn:process>`))).start();
    expect(d.activeElements()).to.have.members(['sub', 'inner']);
    d.completeTask('inner');
    expect(d.activeElements()).to.deep.equal(['outer']);
  });

  it('loops back through a link only where the loop waits somewhere', async () => {
    const loop = (wait: string) => bpmn(`<bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="s" />${link('again', 'Catch', 'L')}${wait}${link('back', 'Throw', 'L')}
      <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="w" /><bpmn:sequenceFlow id="f1" sourceRef="again" targetRef="w" />
      <bpmn:sequenceFlow id="f2" sourceRef="w" targetRef="back" /></bpmn:process>`);
    expect(await problems(loop('<bpmn:manualTask id="w" />'))).to.include('cycle-without-wait-state@w');
    const d = (await CoreDriver.fromXml(loop('<bpmn:userTask id="w" />'))).start();
    d.completeTask('w');
    expect(d.activeElements()).to.deep.equal(['w']);
    expect(d.events.filter((e) => e.type === 'element.entered' && e.elementId === 'again')).to.have.length(1);
  });

  it('refuses a throw with no catch of its name, two catches of one name, and flows a link cannot have', async () => {
    expect(await problems(bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />${link('lost', 'Throw', 'nowhere')}
      <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="lost" /></bpmn:process>`))).to.deep.equal(['link-unknown@lost']);
    expect(await problems(bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />${link('go', 'Throw', 'A')}
      ${link('a1', 'Catch', 'A')}${link('a2', 'Catch', 'A')}<bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="go" /><bpmn:sequenceFlow id="f1" sourceRef="a1" targetRef="e" />
      <bpmn:sequenceFlow id="f2" sourceRef="a2" targetRef="e" /></bpmn:process>`))).to.include('link-invalid@a2');
    expect(await problems(bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />${link('go', 'Throw', 'A')}${link('at', 'Catch', 'A')}
      <bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="go" /><bpmn:sequenceFlow id="f1" sourceRef="go" targetRef="e" />
      <bpmn:sequenceFlow id="f2" sourceRef="s" targetRef="at" /><bpmn:sequenceFlow id="f3" sourceRef="at" targetRef="e" /></bpmn:process>`))).to.include.members(['link-invalid@go', 'link-invalid@at']);
    expect(await problems(bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />
      <bpmn:intermediateThrowEvent id="anon"><bpmn:linkEventDefinition /></bpmn:intermediateThrowEvent>
      <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="anon" /></bpmn:process>`))).to.deep.equal(['link-invalid@anon']);
  });
});
