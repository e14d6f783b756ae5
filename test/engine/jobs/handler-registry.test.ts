import { expect } from 'chai';
import { fixedClock } from '../../../engine/clock.ts';
import { Engine } from '../../../engine/engine.ts';
import { AppError } from '../../../engine/errors.ts';
import { builtInHandlers, type JobHandler } from '../../../engine/jobs/handlers.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

function refusal(action: () => unknown): AppError {
  try {
    action();
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

const stamp: JobHandler = {
  name: 'stamp',
  optionsSchema: { type: 'object', properties: { office: { type: 'string', enum: ['urbanism', 'registratura'] } }, required: ['office'], additionalProperties: false },
  run: ({ options }) => ({ stampedBy: options.office ?? null }),
};

const model = (task: string) => bpmn(`<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />${task}<bpmn:endEvent id="e" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /></bpmn:process>`);
const withOptions = (handler: string, options: Record<string, string>) => model(`<bpmn:serviceTask id="t" dosar:handler="${handler}"><bpmn:extensionElements><dosar:options>${
  Object.entries(options).map(([name, value]) => `<dosar:option name="${name}" value="${value}" />`).join('')}</dosar:options></bpmn:extensionElements></bpmn:serviceTask>`);

describe('handler registry', () => {
  it('refuses a handler without an options schema', () => {
    const err = refusal(() => builtInHandlers().register({ name: 'careless', run: () => undefined } as unknown as JobHandler));
    expect(err.code).to.equal('bad-input');
    expect(err.message).to.contain('careless').and.to.contain('optionsSchema');
  });

  it('refuses an options schema that is not a JSON Schema of an object, and a name already taken', () => {
    expect(refusal(() => builtInHandlers().register({ ...stamp, optionsSchema: { type: 'string' } })).code).to.equal('bad-input');
    expect(refusal(() => builtInHandlers().register({ ...stamp, optionsSchema: { type: 'object', properties: { a: { type: 'no-such-type' } } } })).code).to.equal('bad-input');
    expect(refusal(() => builtInHandlers().register({ ...stamp, name: 'noop' })).message).to.contain('already registered');
  });

  describe('at deploy', () => {
    const t = useTestDatabase();
    let engine: Engine;

    beforeEach(() => {
      engine = new Engine({ store: createEnginePort(t.db), clock: fixedClock('2026-03-02T08:00:00Z'), handlers: builtInHandlers().register(stamp) });
    });

    it('refuses a model that names an unknown handler, with a coded problem on the element', async () => {
      const err = await rejection(engine.deploy(model('<bpmn:serviceTask id="t" dosar:handler="fax" />')));
      expect(err.code).to.equal('definition-invalid');
      expect(err.problems).to.have.length(1);
      expect(err.problems![0]).to.include({ code: 'unknown-handler', elementId: 't' });
      expect(err.problems![0]!.message).to.contain('"fax"');
    });

    it('refuses a send task or message throw event that names an unknown handler too', async () => {
      const xml = bpmn(`<bpmn:message id="m" name="aviz" /><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" />
        <bpmn:sendTask id="send" messageRef="m" dosar:handler="fax" />
        <bpmn:intermediateThrowEvent id="throw" dosar:handler="telex"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateThrowEvent><bpmn:endEvent id="e" />
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="send" /><bpmn:sequenceFlow id="f2" sourceRef="send" targetRef="throw" /><bpmn:sequenceFlow id="f3" sourceRef="throw" targetRef="e" /></bpmn:process>`);
      const err = await rejection(engine.deploy(xml));
      expect(err.problems!.map((p) => `${p.code}@${p.elementId}`)).to.deep.equal(['unknown-handler@send', 'unknown-handler@throw']);
    });

    it('refuses options that fail the handler’s schema, saying which', async () => {
      const missing = await rejection(engine.deploy(withOptions('stamp', {})));
      expect(missing.problems![0]).to.include({ code: 'handler-options-invalid', elementId: 't' });
      expect(missing.problems![0]!.message).to.contain('"office" is required');
      const wrong = await rejection(engine.deploy(withOptions('stamp', { office: 'cadastru', colour: 'red' })));
      expect(wrong.problems!.map((p) => p.code)).to.deep.equal(['handler-options-invalid']);
      expect(wrong.problems![0]!.message).to.contain('"office"').and.to.contain('"colour"');
      const none = await rejection(engine.deploy(withOptions('noop', { anything: 'x' })));
      expect(none.problems![0]).to.include({ code: 'handler-options-invalid' });
    });

    it('deploys and runs a model whose options fit, leaving a FEEL option to run time', async () => {
      await engine.deploy(withOptions('stamp', { office: 'urbanism' }));
      const { id } = await engine.start('p');
      await engine.tick();
      const view = await engine.getInstance(id);
      expect(view.status).to.equal('completed');
      expect(view.variables).to.include({ stampedBy: 'urbanism' });
      await engine.deploy(withOptions('stamp', { office: '=department' }));
    });
  });
});
