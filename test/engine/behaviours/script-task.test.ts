import { expect } from 'chai';
import { Engine } from '../../../engine/engine.ts';
import { AppError } from '../../../engine/errors.ts';
import { builtInHandlers } from '../../../engine/jobs/handlers.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { MovableClock } from '../../support/clock.ts';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';
import { problemCodes } from '../../support/model-problems.ts';

/** A process whose script task `script` (written by `task`) is followed by a user task. */
const withScript = (task: string) => bpmn(`
<bpmn:process id="taxa" isExecutable="true">
  <bpmn:startEvent id="start" />
  ${task}
  <bpmn:userTask id="review" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="script" />
  <bpmn:sequenceFlow id="f1" sourceRef="script" targetRef="review" />
</bpmn:process>`);

const zeebeScript = (expression: string, resultVariable = 'taxa', extra = '') =>
  withScript(`<bpmn:scriptTask id="script" name="Calculează taxa"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="${resultVariable}" />${extra}</bpmn:extensionElements></bpmn:scriptTask>`);

const problems = problemCodes;

describe('scriptTask behaviour', () => {
  it('puts the value of a Camunda 8 FEEL script in its result variable and moves on', async () => {
    const d = (await CoreDriver.fromXml(zeebeScript('=suprafata * 2.5 + (if urgent then 50 else 0)'))).start({ suprafata: 40, urgent: true });
    expect(d.variables.taxa).to.equal(150);
    expect(d.openTaskElements()).to.deep.equal(['review']);
  });

  it('sees the task\'s own inputs, which stay local to it', async () => {
    const inputs = '<zeebe:ioMapping><zeebe:input source="=12" target="rate" /></zeebe:ioMapping>';
    const d = (await CoreDriver.fromXml(zeebeScript('=suprafata * rate', 'taxa', inputs))).start({ suprafata: 3 });
    expect(d.variables).to.deep.equal({ suprafata: 3, taxa: 36 });
  });

  it('runs a Camunda 7 script written in FEEL or JUEL, with camunda:resultVariable or dosar:resultVariable', async () => {
    const feel = (await CoreDriver.fromXml(withScript('<bpmn:scriptTask id="script" scriptFormat="feel" camunda:resultVariable="acte"><bpmn:script>{ pagini: pagini, anexe: count(anexe) }</bpmn:script></bpmn:scriptTask>')))
      .start({ pagini: 4, anexe: ['a', 'b'] });
    expect(feel.variables.acte).to.deep.equal({ pagini: 4, anexe: 2 });
    const juel = (await CoreDriver.fromXml(withScript('<bpmn:scriptTask id="script" scriptFormat="JUEL" camunda:resultVariable="total"><bpmn:script>${pret * cantitate}</bpmn:script></bpmn:scriptTask>')))
      .start({ pret: 7, cantitate: 3 });
    expect(juel.variables.total).to.equal(21);
    const dosar = (await CoreDriver.fromXml(withScript('<bpmn:scriptTask id="script" scriptFormat="feel" dosar:resultVariable="anexe"><bpmn:script>count(acte)</bpmn:script></bpmn:scriptTask>')))
      .start({ acte: [1, 2, 3] });
    expect(dosar.variables.anexe).to.equal(3);
  });

  it('reads a JUEL script as Camunda 7 does: text mixed with ${...} is a text, plain text is itself', async () => {
    const run = async (script: string) => (await CoreDriver.fromXml(withScript(`<bpmn:scriptTask id="script" scriptFormat="juel" camunda:resultVariable="nr"><bpmn:script>${script}</bpmn:script></bpmn:scriptTask>`)))
      .start({ acte: 5, semnatari: ['ana', 'ion'] }).variables.nr;
    expect(await run('ARH-${acte}-${semnatari[0]}')).to.equal('ARH-5-ana');
    expect(await run('ARH-fix')).to.equal('ARH-fix');
  });

  it('drops the value of a script with no result variable, as Camunda 7 does, and moves on', async () => {
    const d = (await CoreDriver.fromXml(withScript('<bpmn:scriptTask id="script" scriptFormat="feel"><bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>'))).start({ a: 1 });
    expect(d.variables).to.deep.equal({ a: 1 });
    expect(d.openTaskElements()).to.deep.equal(['review']);
  });

  it('queues a job instead when the task names a job type (a worker runs the script)', async () => {
    const d = (await CoreDriver.fromXml(withScript('<bpmn:scriptTask id="script"><bpmn:extensionElements><zeebe:taskDefinition type="calcul-taxa" /></bpmn:extensionElements></bpmn:scriptTask>'))).start({ suprafata: 1 });
    expect(d.job('script').handler).to.equal('calcul-taxa');
    expect(d.completeJob('script', { taxa: 9 }).variables.taxa).to.equal(9);
    const named = (await CoreDriver.fromXml(withScript('<bpmn:scriptTask id="script" dosar:handler="calcul-taxa" />'))).start({});
    expect(named.job('script').handler).to.equal('calcul-taxa');
  });

  it('stops the step with expression-failed naming the task when its script fails', async () => {
    const d = await CoreDriver.fromXml(zeebeScript('=add working days(&quot;mâine&quot;, 2)'));
    let error: unknown;
    try {
      d.start({});
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).code).to.equal('expression-failed');
    expect((error as AppError).message).to.contain('Calculează taxa');
    expect((error as AppError).details).to.deep.include({ elementId: 'script' });
  });

  describe('at deploy', () => {
    it('refuses a script in a general-purpose language, since no code from a model runs on the server', async () => {
      expect(await problems(withScript('<bpmn:scriptTask id="script" scriptFormat="javascript"><bpmn:script>execution.setVariable("a", 1)</bpmn:script></bpmn:scriptTask>')))
        .to.deep.equal(['script-language-unsupported@script']);
      expect(await problems(withScript('<bpmn:scriptTask id="script" scriptFormat="groovy" camunda:resultVariable="x"><bpmn:script>1</bpmn:script></bpmn:scriptTask>')))
        .to.deep.equal(['script-language-unsupported@script']);
    });

    it('refuses a script task with no script, or one loaded from a resource', async () => {
      expect(await problems(withScript('<bpmn:scriptTask id="script" />'))).to.deep.equal(['script-missing@script']);
      expect(await problems(withScript('<bpmn:scriptTask id="script" scriptFormat="feel" camunda:resource="deployment://taxa.feel" />'))).to.deep.equal(['script-invalid@script']);
      expect(await problems(withScript('<bpmn:scriptTask id="script"><bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>'))).to.deep.equal(['script-invalid@script']);
    });

    it('refuses a Camunda 8 script without a result variable, and FEEL that does not parse', async () => {
      expect(await problems(zeebeScript('=1 + 1', ''))).to.deep.equal(['script-invalid@script']);
      expect(await problems(zeebeScript('=suprafata *'))).to.deep.equal(['script-invalid@script']);
    });
  });
});

describe('scriptTask on the database', () => {
  const t = useTestDatabase();

  it('stores the script\'s value with the step that ran it', async () => {
    const engine = new Engine({ store: createEnginePort(t.db), clock: new MovableClock(new Date('2026-12-24T08:00:00Z')), handlers: builtInHandlers() });
    await engine.deploy(zeebeScript('=add working days(today(), 2)', 'termen'));
    const { id } = await engine.start('taxa', { variables: {} });
    const instance = await engine.getInstance(id);
    // 25-26 December are holidays (Codul muncii art. 139), then a weekend: two working days from 24 December end on 29 December.
    expect(instance.variables.termen).to.equal('2026-12-29');
    expect(instance.active).to.deep.equal(['review']);
  });
});
