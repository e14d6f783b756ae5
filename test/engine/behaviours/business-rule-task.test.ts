import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Engine } from '../../../engine/engine.ts';
import { AppError } from '../../../engine/errors.ts';
import { builtInHandlers } from '../../../engine/jobs/handlers.ts';
import { compileModel } from '../../../engine/model/index.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { MovableClock } from '../../support/clock.ts';
import { bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';
import { dmnTable } from '../dmn/dmn-tables.ts';

const feeTable = readFileSync(new URL('../../fixtures/dmn/taxa-certificat-urbanism.dmn', import.meta.url), 'utf8');

/** A process whose one task is the business-rule task written by `task`. */
const withTask = (task: string, key = 'cerere') => bpmn(`
<bpmn:process id="${key}" isExecutable="true">
  <bpmn:startEvent id="start" />
  ${task}
  <bpmn:userTask id="review" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="decide" />
  <bpmn:sequenceFlow id="f1" sourceRef="decide" targetRef="review" />
</bpmn:process>`);

const camundaTask = (decision: string, extra = '') => `<bpmn:businessRuleTask id="decide" name="Calculează taxa" camunda:decisionRef="${decision}" ${extra} />`;
const zeebeTask = (decision: string, resultVariable: string) => `<bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:calledDecision decisionId="${decision}" resultVariable="${resultVariable}" /></bpmn:extensionElements></bpmn:businessRuleTask>`;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('business-rule task on the database', () => {
  const t = useTestDatabase();
  let engine: Engine;

  beforeEach(() => {
    engine = new Engine({ store: createEnginePort(t.db), clock: new MovableClock(new Date('2026-03-02T08:00:00Z')), handlers: builtInHandlers() });
  });

  async function runTo(task: string, variables: Record<string, unknown>) {
    await engine.deploy(withTask(task));
    const { id } = await engine.start('cerere', { variables });
    return engine.getInstance(id);
  }

  it('puts the fee from a deployed table in the result variable (camunda singleEntry) and moves on', async () => {
    await engine.deployDecisions([feeTable]);
    const instance = await runTo(camundaTask('taxaCertificat', 'camunda:resultVariable="taxa" camunda:mapDecisionResult="singleEntry"'), { suprafata: 1200, mediu: 'urban' });
    expect(instance.variables.taxa).to.equal(16);
    expect(instance.active).to.deep.equal(['review']);
    expect(instance.events.map((e) => e.type)).to.include('decision.evaluated');
  });

  it('maps the result as Camunda 7 does: resultList by default, singleResult, collectEntries', async () => {
    await engine.deployDecisions([dmnTable({ id: 'docs', hitPolicy: 'COLLECT', inputs: ['area'], outputs: ['doc'], rules: [[['-'], ['"plan"']], [['> 500'], ['"studiu"']]] })]);
    expect((await runTo(camundaTask('docs', 'camunda:resultVariable="r"'), { area: 900 })).variables.r).to.deep.equal([{ doc: 'plan' }, { doc: 'studiu' }]);
    expect((await runTo(camundaTask('docs', 'camunda:resultVariable="r" camunda:mapDecisionResult="collectEntries"'), { area: 900 })).variables.r).to.deep.equal(['plan', 'studiu']);
    expect((await runTo(camundaTask('docs', 'camunda:resultVariable="r" camunda:mapDecisionResult="singleResult"'), { area: 100 })).variables.r).to.deep.equal({ doc: 'plan' });
  });

  it('refuses singleEntry over several matches with decision-failed, and the instance does not start', async () => {
    await engine.deployDecisions([dmnTable({ id: 'docs', hitPolicy: 'COLLECT', inputs: ['area'], outputs: ['doc'], rules: [[['-'], ['"plan"']], [['> 500'], ['"studiu"']]] })]);
    await engine.deploy(withTask(camundaTask('docs', 'camunda:resultVariable="r" camunda:mapDecisionResult="singleEntry"')));
    const err = await rejection(engine.start('cerere', { variables: { area: 900 } }));
    expect(err.code).to.equal('decision-failed');
  });

  it('gives Camunda 8 its result shape: the value of a single output, a list for COLLECT', async () => {
    await engine.deployDecisions([feeTable, dmnTable({ id: 'docs', hitPolicy: 'COLLECT', inputs: ['area'], outputs: ['doc'], rules: [[['-'], ['"plan"']], [['> 500'], ['"studiu"']]] })]);
    expect((await runTo(zeebeTask('taxaCertificatUrbanism', 'taxa'), { suprafata: 200 })).variables.taxa).to.equal(7);
    expect((await runTo(zeebeTask('docs', 'acte'), { area: 900 })).variables.acte).to.deep.equal(['plan', 'studiu']);
  });

  it('versions decisions per id and binds a model to the latest version at its deploy', async () => {
    const v1 = await engine.deployDecisions([dmnTable({ id: 'fee', inputs: ['x'], outputs: ['fee'], rules: [[['-'], ['10']]] })]);
    await engine.deploy(withTask(camundaTask('fee', 'camunda:resultVariable="fee" camunda:mapDecisionResult="singleEntry"'), 'old'));
    const v2 = await engine.deployDecisions([dmnTable({ id: 'fee', inputs: ['x'], outputs: ['fee'], rules: [[['-'], ['20']]] })]);
    await engine.deploy(withTask(camundaTask('fee', 'camunda:resultVariable="fee" camunda:mapDecisionResult="singleEntry"'), 'new'));
    expect([v1[0]!.version, v2[0]!.version]).to.deep.equal([1, 2]);
    const old = await engine.getInstance((await engine.start('old', { variables: { x: 1 } })).id);
    const fresh = await engine.getInstance((await engine.start('new', { variables: { x: 1 } })).id);
    expect([old.variables.fee, fresh.variables.fee]).to.deep.equal([10, 20]);
  });

  it('refuses a model calling a decision that is not deployed, naming the task', async () => {
    const err = await rejection(engine.deploy(withTask(camundaTask('lipsa', 'camunda:resultVariable="r"'))));
    expect(err.code).to.equal('definition-invalid');
    expect(err.problems).to.deep.equal([{ code: 'decision-unknown', elementId: 'decide', message: 'Business rule task "Calculează taxa" calls decision "lipsa", which is not deployed (deploy its .dmn file first or with the model)' }]);
  });

  it('deploys a model with the decision it calls in one go, and neither when the model is refused', async () => {
    await engine.deployMany([withTask(camundaTask('taxaCertificat', 'camunda:resultVariable="taxa" camunda:mapDecisionResult="singleEntry"'))], { decisions: [feeTable] });
    expect((await engine.getInstance((await engine.start('cerere', { variables: { suprafata: 100, mediu: 'rural' } })).id)).variables.taxa).to.equal(3);
    const refused = await rejection(engine.deployMany([withTask(camundaTask('altaDecizie'), 'other')], { decisions: [dmnTable({ id: 'noua', inputs: ['x'], outputs: ['y'], rules: [] })] }));
    expect(refused.code).to.equal('definition-invalid');
    const rows = await t.db.query<{ key: string; version: number }>('select key, version from engine_decisions_v order by key, version');
    expect(rows.map((r) => `${r.key}@${r.version}`)).to.deep.equal(['taxaCertificat@1', 'taxaCertificatUrbanism@1']);
  });

  it('refuses a business-rule task that names neither a decision nor a job', async () => {
    const err = await rejection(engine.deploy(withTask('<bpmn:businessRuleTask id="decide" />')));
    expect(err.problems?.[0]).to.include({ code: 'decision-missing', elementId: 'decide' });
  });

  it('runs a job instead when the task names an external topic', async () => {
    const instance = await runTo('<bpmn:businessRuleTask id="decide" camunda:type="external" camunda:topic="noop" />', {});
    expect(instance.active).to.deep.equal(['decide']);
  });

  it('reads the decision and result variable written in Dosar\'s own attributes, and a handler set in the designer', async () => {
    await engine.deployDecisions([feeTable]);
    const decided = await runTo('<bpmn:businessRuleTask id="decide" dosar:decisionRef="taxaCertificat" dosar:resultVariable="taxa" />', { suprafata: 1200, mediu: 'urban' });
    expect(decided.variables.taxa).to.deep.equal([{ taxaCertificat: 16 }]);
    const handed = await runTo('<bpmn:businessRuleTask id="decide" dosar:handler="noop" />', {});
    expect(handed.active).to.deep.equal(['decide']);
  });
});

describe('business-rule task at compile time', () => {
  it('refuses a decision pinned by version tag, which Dosar does not bind', async () => {
    const xml = withTask('<bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:calledDecision decisionId="fee" resultVariable="fee" bindingType="versionTag" /></bpmn:extensionElements></bpmn:businessRuleTask>');
    const err = await rejection(compileModel(xml));
    expect(err.problems?.[0]).to.include({ code: 'unsupported-element', elementId: 'decide' });
  });

  it('refuses a decision id computed by an expression', async () => {
    const err = await rejection(compileModel(withTask(camundaTask('${feeTable}'))));
    expect(err.problems?.[0]).to.include({ code: 'decision-invalid', elementId: 'decide' });
  });
});
