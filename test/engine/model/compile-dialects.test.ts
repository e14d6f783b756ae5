import { expect } from 'chai';
import { compileModel } from '../../../engine/model/index.ts';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';
import { modelProblems, problemCodes } from '../../support/model-problems.ts';

const problems = modelProblems;
const codes = problemCodes;

describe('compileModel reading models from other tools', () => {
  describe('when sequence flows have no id (BPMN makes it optional)', () => {
    const xml = bpmn(`<bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="g" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
      <bpmn:sequenceFlow sourceRef="s" targetRef="g" />
      <bpmn:sequenceFlow sourceRef="g" targetRef="a"><bpmn:conditionExpression>\${big}</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow sourceRef="g" targetRef="b"><bpmn:conditionExpression>\${!big}</bpmn:conditionExpression></bpmn:sequenceFlow>
    </bpmn:process>`);

    it('gives each its own stable id from its ends', async () => {
      const [def] = await compileModel(xml);
      expect(Object.keys(def!.flows).sort()).to.deep.equal(['flow_g_a', 'flow_g_b', 'flow_s_g']);
      expect((await compileModel(xml))[0]!.flows).to.deep.equal(def!.flows);
    });

    it('runs the model along the flow its condition picks', async () => {
      const d = new CoreDriver((await compileModel(xml))[0]!).start({ big: false });
      expect(d.status).to.equal('completed');
      expect(d.completed('b')).to.equal(true);
      expect(d.completed('a')).to.equal(false);
    });
  });

  describe('when a Camunda 8 model carries a stray camunda: attribute', () => {
    // Camunda Web Modeler writes camunda:diagramRelationId on every export (MIWG C.9.0, C.9.2).
    const xml = bpmn(`<bpmn:process id="p" isExecutable="true" camunda:versionTag="1">
      <bpmn:startEvent id="s" />
      <bpmn:serviceTask id="svc"><bpmn:extensionElements><zeebe:taskDefinition type="send-mail" />
        <zeebe:ioMapping><zeebe:input source="demo@primarie.ro" target="to" /><zeebe:input source="=subject" target="title" /></zeebe:ioMapping>
      </bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="svc" /></bpmn:process>`).replace('id="defs"', 'id="defs" camunda:diagramRelationId="abc"');

    it('still reads its zeebe: extensions', async () => {
      const [def] = await compileModel(xml);
      expect(def!.elements.svc!.service).to.deep.equal({ handler: 'send-mail' });
    });

    it('reads a zeebe:input source without "=" as a string, one with "=" as FEEL', async () => {
      const [def] = await compileModel(xml);
      expect(def!.elements.svc!.inputs).to.deep.equal([{ source: '"demo@primarie.ro"', target: 'to' }, { source: 'subject', target: 'title' }]);
      const d = new CoreDriver(def!).start({ subject: 'Autorizație' });
      expect((d.job('svc').payload as { variables: unknown }).variables).to.deep.equal({ to: 'demo@primarie.ro', title: 'Autorizație' });
    });
  });

  it('resolves references written with the prefix of the target namespace (tns:)', async () => {
    const xml = bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f" sourceRef="tns:s" targetRef="tns:e" /></bpmn:process>`).replace('id="defs"', 'id="defs" xmlns:tns="http://dosar.ro/test"');
    const [def] = await compileModel(xml);
    expect(def!.flows.f).to.include({ source: 's', target: 'e' });
  });

  it('deploys a model whose diagram points to a process that is not there', async () => {
    const xml = bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /></bpmn:process>
      <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="gone" /></bpmndi:BPMNDiagram>`)
      .replace('id="defs"', 'id="defs" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"');
    expect((await compileModel(xml)).map((d) => d.key)).to.deep.equal(['p']);
  });

  describe('when processes are marked isExecutable="false"', () => {
    it('skips a non-executable pool of a collaboration, checking nothing in it', async () => {
      const xml = bpmn(`<bpmn:process id="citizen" isExecutable="false"><bpmn:complexGateway id="x" /></bpmn:process>
        <bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /></bpmn:process>`);
      expect((await compileModel(xml)).map((d) => d.key)).to.deep.equal(['p']);
    });

    it('refuses a file with nothing executable, saying so', async () => {
      expect(await codes(bpmn('<bpmn:process id="p" isExecutable="false"><bpmn:startEvent id="s" /></bpmn:process>'))).to.deep.equal(['no-process@defs']);
    });
  });

  describe('when a condition names its language', () => {
    const gateway = (condition: string) => bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />
      <bpmn:exclusiveGateway id="g" default="f2" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" /><bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="a">${condition}</bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="b" /></bpmn:process>`)
      .replace('id="defs"', 'id="defs" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')
      .replace('<bpmn:conditionExpression', '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"');

    it('refuses XPath with its own code, not as bad FEEL', async () => {
      const found = await problems(gateway('<bpmn:conditionExpression language="http://www.w3.org/1999/XPath">count(/order/item) &gt; 2</bpmn:conditionExpression>'));
      expect(found.map((p) => `${p.code}@${p.elementId}`)).to.deep.equal(['expression-language-unsupported@f1']);
      expect(found[0]!.message).to.contain('XPath');
    });

    it('accepts FEEL named as such, and JUEL, translated', async () => {
      const [feel] = await compileModel(gateway('<bpmn:conditionExpression language="https://www.omg.org/spec/DMN/20191111/FEEL/">amount &gt; 2</bpmn:conditionExpression>'));
      const [juel] = await compileModel(gateway('<bpmn:conditionExpression>${amount > 2}</bpmn:conditionExpression>'));
      expect(feel!.flows.f1!.condition).to.equal('amount > 2');
      expect(juel!.flows.f1!.condition).to.equal('amount > 2');
    });
  });

  it('accepts a process with no start event (BPMN starts it at the nodes without incoming flows)', async () => {
    const found = await problems(bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:userTask id="t" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f" sourceRef="t" targetRef="e" /></bpmn:process>`));
    expect(found).to.deep.equal([]);
  });

  it('still refuses a process with nothing to start, and an empty sub-process', async () => {
    expect((await problems(bpmn('<bpmn:process id="p" isExecutable="true" />'))).map((p) => p.code)).to.deep.equal(['no-start-event']);
    const found = await problems(bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:subProcess id="sub" />
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="sub" /></bpmn:process>`));
    expect(found.map((p) => `${p.code}@${p.elementId}`)).to.deep.equal(['no-start-event@sub']);
  });

  it('names an unnamed element by its id, never by an empty name', async () => {
    const found = await problems(bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />
      <bpmn:intermediateThrowEvent id="link1" name=""><bpmn:linkEventDefinition name="x" /></bpmn:intermediateThrowEvent>
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="link1" /></bpmn:process>`));
    expect(found.map((p) => p.message)).to.deep.equal(['Link throw event "link1" goes on at "x", but no link catch event of that name is on the same level']);
  });

  it('reports a mapping that is not FEEL under its own code', async () => {
    const found = await codes(bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />
      <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=a &gt;* 2" target="b" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /></bpmn:process>`));
    expect(found).to.deep.equal(['mapping-invalid@t']);
  });

  it('refuses a service task option whose name JSON objects cannot keep', async () => {
    const service = (options: string) => bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />
      <bpmn:serviceTask id="t" dosar:handler="h"><bpmn:extensionElements>${options}</bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /></bpmn:process>`);
    expect(await codes(service('<dosar:options><dosar:option name="__proto__" value="x" /></dosar:options>'))).to.deep.equal(['option-name-invalid@t']);
    expect(await codes(service('<zeebe:taskHeaders><zeebe:header key="constructor" value="x" /></zeebe:taskHeaders>'))).to.deep.equal(['option-name-invalid@t']);
    const [def] = await compileModel(service('<dosar:options><dosar:option name="template" value="aviz" /></dosar:options>'));
    expect(def!.elements.t!.service!.options).to.deep.equal({ template: 'aviz' });
  });

  describe('when a Camunda 7 service task sets a retry time cycle', () => {
    const service = (cycle: string, attributes = '') => bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />
      <bpmn:serviceTask id="t" camunda:type="external" camunda:topic="h" ${attributes}><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>${cycle}</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /></bpmn:process>`);
    const serviceOf = async (xml: string) => (await compileModel(xml))[0]!.elements.t!.service!;

    it('reads R<n>/<wait> as n attempts that far apart', async () => {
      expect(await serviceOf(service('R5/PT10M'))).to.include({ retries: 5 }).and.to.have.deep.property('retryWaits', ['PT10M']);
      expect(await serviceOf(service(' R1/P1D '))).to.include({ retries: 1 });
    });

    it('reads a list of waits as a first attempt and one retry after each wait', async () => {
      expect(await serviceOf(service('PT1M, PT30M,PT2H'))).to.include({ retries: 4 }).and.to.have.deep.property('retryWaits', ['PT1M', 'PT30M', 'PT2H']);
      expect(await serviceOf(service('PT5M'))).to.include({ retries: 2 });
    });

    it('keeps the attempts a dosar:retries names, with the waits of the cycle', async () => {
      expect(await serviceOf(service('R5/PT10M', 'dosar:retries="2"'))).to.include({ retries: 2 }).and.to.have.deep.property('retryWaits', ['PT10M']);
    });

    it('refuses a cycle it cannot keep (endless, with a start, an expression, not a duration), naming the task', async () => {
      for (const cycle of ['R/PT5M', 'R0/PT5M', 'R3/2027-01-01T00:00:00Z/PT1H', '${retryCycle}', 'PT5M,,PT1H', '10 minutes', 'R3/PT']) {
        expect(await codes(service(cycle)), cycle).to.deep.equal(['retry-cycle-invalid@t']);
      }
    });
  });
});
