import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';
import { problemCodes } from '../../support/model-problems.ts';

/**
 * BPMN 2.0.2, 10.3.5.3 and Camunda 8's zeebe:adHoc: the checks a clerk runs as a file needs them,
 * in any order, until the file is complete.
 */
const checks = (attributes: string, inside: string) => bpmn(`<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="s" />
  <bpmn:adHocSubProcess id="verificari" name="Verificări" ${attributes}>${inside}
    <bpmn:userTask id="teren" name="Verificare pe teren" />
    <bpmn:userTask id="mediu" name="Aviz de mediu" />
    <bpmn:userTask id="pompieri" name="Aviz ISU" /><bpmn:userTask id="arhivare" name="Arhivare aviz ISU" />
    <bpmn:sequenceFlow id="fi" sourceRef="pompieri" targetRef="arhivare" />
  </bpmn:adHocSubProcess>
  <bpmn:userTask id="decizie" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="verificari" /><bpmn:sequenceFlow id="f2" sourceRef="verificari" targetRef="decizie" />
</bpmn:process>`);
const completion = (text: string) => `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${text}</bpmn:completionCondition>`;

describe('ad-hoc sub-process', () => {
  it('starts every inner activity without an incoming flow and ends when all are done', async () => {
    const d = (await CoreDriver.fromXml(checks('', ''))).start();
    expect(d.openTaskElements()).to.have.members(['teren', 'mediu', 'pompieri']);
    d.completeTask('pompieri');
    expect(d.openTaskElements()).to.have.members(['teren', 'mediu', 'arhivare']);
    d.completeTask('teren').completeTask('mediu').completeTask('arhivare');
    expect(d.openTaskElements()).to.deep.equal(['decizie']);
  });

  it('starts only the elements its active elements collection names (Camunda 8)', async () => {
    const d = (await CoreDriver.fromXml(checks('', '<bpmn:extensionElements><zeebe:adHoc activeElementsCollection="=avize" /></bpmn:extensionElements>'))).start({ avize: ['mediu', 'pompieri'] });
    expect(d.openTaskElements()).to.have.members(['mediu', 'pompieri']);
    d.completeTask('mediu').completeTask('pompieri').completeTask('arhivare');
    expect(d.openTaskElements()).to.deep.equal(['decizie']);
  });

  it('is done at once when the collection is empty: nothing could start later', async () => {
    const d = (await CoreDriver.fromXml(checks('', '<bpmn:extensionElements><zeebe:adHoc activeElementsCollection="=avize" /></bpmn:extensionElements>'))).start({ avize: [] });
    expect(d.openTaskElements()).to.deep.equal(['decizie']);
  });

  it('refuses a collection naming what is not inside it, changing nothing', async () => {
    const d = await CoreDriver.fromXml(checks('', '<bpmn:extensionElements><zeebe:adHoc activeElementsCollection="=avize" /></bpmn:extensionElements>'));
    expect(() => d.start({ avize: ['mediu', 'decizie'] })).to.throw(/inner elements' ids/);
  });

  it('ends once its completion condition holds, cancelling what still runs', async () => {
    const d = (await CoreDriver.fromXml(checks('', completion('=respins = true')))).start();
    d.completeTask('teren', { respins: false });
    expect(d.openTaskElements()).to.have.members(['mediu', 'pompieri']);
    d.completeTask('mediu', { respins: true });
    expect(d.openTaskElements()).to.deep.equal(['decizie']);
  });

  it('lets what still runs finish, starting nothing more, when cancelRemainingInstances is false', async () => {
    const d = (await CoreDriver.fromXml(checks('cancelRemainingInstances="false"', completion('${respins}')))).start();
    d.completeTask('pompieri', { respins: true });
    expect(d.openTaskElements(), 'the ISU opinion is not filed: nothing more starts').to.have.members(['teren', 'mediu']);
    d.completeTask('teren').completeTask('mediu');
    expect(d.openTaskElements()).to.deep.equal(['decizie']);
  });

  it('refuses at deploy a start or end event inside it, a Sequential ordering, and one without activities', async () => {
    expect(await problemCodes(checks('', '<bpmn:startEvent id="inner" />'))).to.deep.equal(['ad-hoc-invalid@inner']);
    expect(await problemCodes(checks('ordering="Sequential"', ''))).to.deep.equal(['ad-hoc-invalid@verificari']);
    expect(await problemCodes(bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />
      <bpmn:adHocSubProcess id="gol"><bpmn:intermediateThrowEvent id="x" /></bpmn:adHocSubProcess><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="gol" /></bpmn:process>`))).to.deep.equal(['ad-hoc-invalid@gol']);
  });
});
