import { expect } from 'chai';
import { AppError } from '../../../engine/errors.ts';
import { compileModel } from '../../../engine/model/index.ts';
import { bpmn } from '../../support/core-driver.ts';
import { modelProblems } from '../../support/model-problems.ts';

const problems = modelProblems;

const ok = (inner: string) => bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />${inner}</bpmn:process>`);

describe('compileModel', () => {
  describe('when the model is sound', () => {
    it('compiles it, linking flows in both directions', async () => {
      const [def] = await compileModel(ok('<bpmn:userTask id="t" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />'));
      expect(def!.key).to.equal('p');
      expect(def!.elements.s!.outgoing).to.deep.equal(['f']);
      expect(def!.elements.t!.incoming).to.deep.equal(['f']);
    });

    it('reads Camunda 7 attributes and translates JUEL', async () => {
      const xml = bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />
        <bpmn:userTask id="t" camunda:candidateGroups="juridic" camunda:assignee="\${owner}" camunda:dueDate="P3D" />
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /></bpmn:process>`);
      const [def] = await compileModel(xml);
      expect(def!.elements.t!.task).to.deep.equal({ candidateGroups: 'juridic', assignee: '=owner', dueDate: 'P3D' });
    });

    it('gives a user task in a lane the lane name as its group', async () => {
      const xml = bpmn(`<bpmn:process id="p" isExecutable="true">
        <bpmn:laneSet id="ls"><bpmn:lane id="l" name="Registratură"><bpmn:flowNodeRef>t</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
        <bpmn:startEvent id="s" /><bpmn:userTask id="t" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /></bpmn:process>`);
      const [def] = await compileModel(xml);
      expect(def!.elements.t!.task!.candidateGroups).to.equal('Registratură');
    });
  });

  describe('when the model has problems', () => {
    const cases: Array<[string, string, string]> = [
      ['unsupported-element', 'cg', ok('<bpmn:complexGateway id="cg" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="cg" />')],
      ['no-start-event', 'p', bpmn('<bpmn:process id="p" isExecutable="true" />')],
      ['gateway-flow-without-condition', 'f2', ok('<bpmn:exclusiveGateway id="g" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" /><bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="a"><bpmn:conditionExpression>x</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="b" />')],
      ['condition-invalid', 'f1', ok('<bpmn:exclusiveGateway id="g" default="f2" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" /><bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="a"><bpmn:conditionExpression>x &gt;* 2</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="b" />')],
      ['expression-too-costly', 'f1', ok('<bpmn:exclusiveGateway id="g" default="f2" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" /><bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="a"><bpmn:conditionExpression>count(for i in 1..9000000 return i) &gt; 0</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="b" />')],
      ['expression-unsupported', 't', ok('<bpmn:userTask id="t" camunda:assignee="${execution.processBusinessKey}" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />')],
      ['message-unknown', 'c', ok('<bpmn:intermediateCatchEvent id="c"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="c" />')],
      ['reference-unknown', 'md', ok('<bpmn:intermediateCatchEvent id="c"><bpmn:messageEventDefinition id="md" messageRef="nowhere" /></bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="c" />')],
      ['unreachable-element', 'lost', ok('<bpmn:userTask id="lost" />')],
      ['cycle-without-wait-state', 'g', ok('<bpmn:exclusiveGateway id="g" default="back" /><bpmn:manualTask id="m" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" /><bpmn:sequenceFlow id="go" sourceRef="g" targetRef="m" /><bpmn:sequenceFlow id="back" sourceRef="m" targetRef="g" />')],
      ['service-task-without-handler', 'svc', ok('<bpmn:serviceTask id="svc" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="svc" />')],
      ['timer-invalid', 'w', ok('<bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition><bpmn:timeDuration>three days</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="w" />')],
      ['clock-invalid', 'x', bpmn('<bpmn:process id="p" isExecutable="true" dosar:legalTerm="10 days"><bpmn:startEvent id="s" /><bpmn:intermediateThrowEvent id="x" dosar:clock="extend" dosar:extend="to 30 working-days" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="x" /></bpmn:process>')],
      ['clock-required', 't', ok('<bpmn:userTask id="t" dosar:legalTerm="5 days from-registration" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />')],
      ['term-invalid', 't', ok('<bpmn:userTask id="t" dosar:legalTerm="5 days from-yesterday" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />')],
      ['call-without-called-element', 'call', ok('<bpmn:callActivity id="call" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="call" />')],
    ];
    for (const [code, elementId, xml] of cases) {
      it(`reports ${code} on ${elementId}`, async () => {
        const found = await problems(xml);
        expect(found.map((p) => `${p.code}@${p.elementId}`)).to.include(`${code}@${elementId}`);
      });
    }

    it('lists every problem at once', async () => {
      const found = await problems(ok('<bpmn:complexGateway id="a" /><bpmn:serviceTask id="b" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="b" />'));
      expect(found.map((p) => p.code)).to.include.members(['unsupported-element', 'service-task-without-handler']);
    });

    it('refuses with coded problems an element whose id is a name every object has (toString, constructor)', async () => {
      for (const id of ['toString', 'constructor']) {
        const found = await problems(bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:complexGateway id="${id}" /></bpmn:process>`));
        expect(found.map((p) => `${p.code}@${p.elementId}`)).to.include(`unsupported-element@${id}`);
      }
    });
  });

  describe('when the XML is bad', () => {
    it('refuses malformed XML', async () => {
      try { await compileModel('<bpmn:definitions'); expect.fail(); } catch (err) { expect((err as AppError).code).to.equal('xml-invalid'); }
    });

    it('refuses a DOCTYPE with entities', async () => {
      const evil = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol;</bpmn:definitions>';
      try { await compileModel(evil); expect.fail(); } catch (err) { expect((err as AppError).code).to.equal('xml-invalid'); }
    });

    it('refuses a model over the size limit', async () => {
      try { await compileModel(ok(''), { maxBytes: 100 }); expect.fail(); } catch (err) { expect((err as AppError).code).to.equal('xml-too-large'); }
    });
  });
});
