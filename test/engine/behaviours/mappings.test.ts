import { expect } from 'chai';
import { AppError } from '../../../engine/errors.ts';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';

const process = (task: string) => bpmn(`<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="s" />${task}<bpmn:endEvent id="e" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" /><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e" />
</bpmn:process>`);

const camunda7 = process(`<bpmn:userTask id="review" camunda:assignee="\${reviewer}"><bpmn:extensionElements><camunda:inputOutput>
  <camunda:inputParameter name="reviewer">\${clerk}</camunda:inputParameter>
  <camunda:inputParameter name="office">Registratură</camunda:inputParameter>
  <camunda:outputParameter name="verdict">\${decision}</camunda:outputParameter>
</camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>`);

const camunda8 = process(`<bpmn:userTask id="review"><bpmn:extensionElements>
  <zeebe:assignmentDefinition assignee="=reviewer" />
  <zeebe:ioMapping><zeebe:input source="=clerk" target="reviewer" /><zeebe:output source="=decision" target="verdict" /></zeebe:ioMapping>
</bpmn:extensionElements></bpmn:userTask>`);

describe('userTask input and output mappings', () => {
  for (const [dialect, xml] of [['Camunda 7 (camunda:inputParameter)', camunda7], ['Camunda 8 (zeebe:input)', camunda8]] as const) {
    describe(`when written for ${dialect}`, () => {
      it('applies the inputs: the task sees them, the process does not', async () => {
        // given
        const d = await CoreDriver.fromXml(xml);
        // when
        d.start({ clerk: 'ana@primarie.ro' });
        // then
        expect(d.task('review').assignee).to.equal('ana@primarie.ro');
        expect(d.variables).to.not.have.property('reviewer');
      });

      it('sets the outputs on completion, the inputs gone', async () => {
        const d = (await CoreDriver.fromXml(xml)).start({ clerk: 'ana@primarie.ro' }).completeTask('review', { decision: 'approved' });
        expect(d.status).to.equal('completed');
        expect(d.variables.verdict).to.equal('approved');
        expect(d.variables).to.not.have.property('reviewer');
      });
    });
  }

  it('keeps a completion\'s variables beside the outputs under Camunda 7\'s rule', async () => {
    const d = (await CoreDriver.fromXml(camunda7)).start({ clerk: 'ana' }).completeTask('review', { decision: 'approved', note: 'ok' });
    expect(d.variables).to.include({ verdict: 'approved', decision: 'approved', note: 'ok' });
  });

  it('passes on only what the outputs map under Camunda 8\'s rule', async () => {
    const d = (await CoreDriver.fromXml(camunda8)).start({ clerk: 'ana' }).completeTask('review', { decision: 'approved', note: 'ok' });
    expect(d.variables.verdict).to.equal('approved');
    expect(d.variables).to.not.have.any.keys('decision', 'note');
  });

  it('lets the outputs read the task\'s inputs', async () => {
    const xml = process(`<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:ioMapping>
      <zeebe:input source="=clerk" target="reviewer" /><zeebe:output source="=reviewer + &quot;: &quot; + decision" target="verdict" />
    </zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>`);
    const d = (await CoreDriver.fromXml(xml)).start({ clerk: 'ana' }).completeTask('review', { decision: 'da' });
    expect(d.variables.verdict).to.equal('ana: da');
  });

  it('refuses a completion whose output mapping fails, naming the mapping', async () => {
    const xml = process(`<bpmn:userTask id="review" name="Verificare"><bpmn:extensionElements><zeebe:ioMapping>
      <zeebe:output source="=decision between 1 and &quot;a&quot;" target="verdict" />
    </zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>`);
    const d = (await CoreDriver.fromXml(xml)).start({});
    let error: unknown;
    try { d.completeTask('review', { decision: 5 }); } catch (err) { error = err; }
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).code).to.equal('mapping-failed');
    expect((error as AppError).message).to.contain('"verdict" of "Verificare"');
  });
});

describe('Camunda 7 lists, maps and scripts in mappings', () => {
  it('maps a list and a map of literals and JUEL, nested, and a FEEL script, as Camunda 7 builds them', async () => {
    const xml = process(`<bpmn:userTask id="review" camunda:assignee="\${responsabil}"><bpmn:extensionElements><camunda:inputOutput>
      <camunda:inputParameter name="persoane"><camunda:list><camunda:value>ana</camunda:value><camunda:value>\${responsabil}</camunda:value></camunda:list></camunda:inputParameter>
      <camunda:outputParameter name="rezumat"><camunda:map>
        <camunda:entry key="suma">\${suma}</camunda:entry>
        <camunda:entry key="acte"><camunda:list><camunda:value>cerere</camunda:value><camunda:value>plan "A"</camunda:value></camunda:list></camunda:entry>
        <camunda:entry key="dublu"><camunda:script scriptFormat="feel">suma * 2</camunda:script></camunda:entry>
        <camunda:entry key="gol" />
      </camunda:map></camunda:outputParameter>
      <camunda:outputParameter name="vazuti">\${persoane}</camunda:outputParameter>
    </camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>`);
    const d = (await CoreDriver.fromXml(xml)).start({ suma: 5, responsabil: 'ion' });
    expect(d.task('review').assignee).to.equal('ion');
    d.completeTask('review', { suma: 7 });
    expect(d.variables.rezumat).to.deep.equal({ suma: 7, acte: ['cerere', 'plan "A"'], dublu: 14, gol: null });
    expect(d.variables.vazuti).to.deep.equal(['ana', 'ion']);
    expect(d.variables).to.not.have.property('persoane');
  });

  it('refuses at deploy a script parameter in JavaScript or from a resource, naming the parameter', async () => {
    for (const script of ['<camunda:script scriptFormat="javascript">1 + 1</camunda:script>', '<camunda:script scriptFormat="feel" resource="deployment://x.feel" />']) {
      const xml = process(`<bpmn:userTask id="review"><bpmn:extensionElements><camunda:inputOutput>
        <camunda:inputParameter name="calcul"><camunda:list><camunda:value>a</camunda:value>${script}</camunda:list></camunda:inputParameter>
      </camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>`);
      let error: unknown;
      try { await CoreDriver.fromXml(xml); } catch (err) { error = err; }
      expect(error).to.be.instanceOf(AppError);
      const problems = (error as AppError).problems!;
      expect(problems.map((p) => `${p.code}@${p.elementId}`)).to.deep.equal(['script-language-unsupported@review']);
      expect(problems[0]!.message).to.contain('"calcul"').and.to.contain('item 2');
    }
  });
});

describe('output mappings on a multi-instance user task', () => {
  it('apply once per inner instance, not again when the loop ends', async () => {
    const xml = process(`<bpmn:userTask id="review"><bpmn:multiInstanceLoopCharacteristics isSequential="true">
      <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1, 2]" inputElement="n" /></bpmn:extensionElements>
    </bpmn:multiInstanceLoopCharacteristics>
    <bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=decision" target="last" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>`);
    const d = (await CoreDriver.fromXml(xml)).start({ last: 'none' }).completeTask('review', { decision: 'a' }).completeTask('review', { decision: 'b' });
    expect(d.status).to.equal('completed');
    expect(d.variables.last).to.equal('b');
  });
});

describe('input mappings on an activity that does not wait', () => {
  it('keeps the inputs local and passes on only the outputs (a manual task)', async () => {
    const xml = bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />
      <bpmn:manualTask id="m"><bpmn:extensionElements><zeebe:ioMapping>
        <zeebe:input source="=fee * 2" target="double" /><zeebe:output source="=double + 1" target="total" />
      </zeebe:ioMapping></bpmn:extensionElements></bpmn:manualTask><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="m" /><bpmn:sequenceFlow id="f2" sourceRef="m" targetRef="e" /></bpmn:process>`);
    const d = (await CoreDriver.fromXml(xml)).start({ fee: 10 });
    expect(d.status).to.equal('completed');
    expect(d.variables.total).to.equal(21);
    expect(d.variables).to.not.have.property('double');
  });
});
