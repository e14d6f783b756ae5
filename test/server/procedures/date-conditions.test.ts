import { expect } from 'chai';
import { compileModel, evaluateFeel } from '../../../engine/index.ts';
import { dateTextComparisons } from '../../../server/procedures/date-conditions.ts';
import { checkPackage, normaliseMeta } from '../../../server/procedures/package.ts';
import { bpmn } from '../../support/core-driver.ts';

const form = { type: 'object', properties: { dataDepunerii: { type: 'string', format: 'date' }, imobil: { type: 'object', properties: { dataConstructiei: { type: 'string', format: 'date' } } }, nume: { type: 'string' } } };
const routed = (condition: string) => bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="g" default="altfel" />
  <bpmn:endEvent id="a" /><bpmn:endEvent id="b" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" />
  <bpmn:sequenceFlow id="vechi" sourceRef="g" targetRef="a"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="altfel" sourceRef="g" targetRef="b" /></bpmn:process>`);
const problems = async (condition: string) => dateTextComparisons(await compileModel(routed(condition)), [form]);

describe('conditions comparing a form\'s date with a FEEL date', () => {
  it('gives answers by chance when left as they are, which is why they are refused', () => {
    // "2026-12-01" is before 2027-01-01, yet the comparison says false: the text is no date.
    expect(evaluateFeel('d < date("2027-01-01")', { d: '2026-12-01' }, '2026-12-07T10:00:00Z')).to.equal(false);
    expect(evaluateFeel('date(d) < date("2027-01-01")', { d: '2026-12-01' }, '2026-12-07T10:00:00Z')).to.equal(true);
  });

  it('refuses one, naming the flow and the fix', async () => {
    const found = await problems('dataDepunerii &lt; date("2027-01-01")');
    expect(found.map((p) => `${p.code}@${p.elementId}`)).to.deep.equal(['condition-invalid@vechi']);
    expect(found[0]!.message).to.contain('write date(dataDepunerii)');
    expect(await problems('today() &gt;= imobil.dataConstructiei')).to.have.length(1);
    expect(await problems('imobil.dataConstructiei = date and time("2027-01-01T00:00:00")')).to.have.length(1);
  });

  it('is one of a procedure package\'s deploy checks', async () => {
    const xml = routed('dataDepunerii &lt; today()');
    const found = checkPackage({ xml, forms: { cerere: { schema: form } }, templates: {}, meta: normaliseMeta({}, 'Test') }, await compileModel(xml));
    expect(found.map((p) => `${p.code}@${p.elementId}`)).to.deep.equal(['condition-invalid@vechi']);
  });

  it('accepts the date read as one, other fields, and texts compared with texts', async () => {
    for (const condition of ['date(dataDepunerii) &lt; date("2027-01-01")', 'nume = "Ana"', 'dataDepunerii &lt; "2027-01-01"', 'date(imobil.dataConstructiei) &lt;= today()', 'dataDepuneriiVeche &lt; today()']) {
      expect(await problems(condition), condition).to.deep.equal([]);
    }
  });
});
