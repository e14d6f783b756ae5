import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { fixedClock } from '../../../engine/clock.ts';
import { Engine } from '../../../engine/engine.ts';
import { AppError } from '../../../engine/errors.ts';
import { builtInHandlers } from '../../../engine/jobs/handlers.ts';
import { loadHandlerModules } from '../../../engine/jobs/load-handlers.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

const fixture = (path: string) => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('an installation’s own handlers', () => {
  const t = useTestDatabase();

  it('loads every module of a folder, and a model using one deploys and runs', async () => {
    const handlers = builtInHandlers();
    expect(await loadHandlerModules(handlers, [fixture('handlers')])).to.deep.equal(['greet', 'send-answer']);
    const engine = new Engine({ store: createEnginePort(t.db), clock: fixedClock('2026-03-02T08:00:00Z'), handlers });
    await engine.deploy(bpmn(`<bpmn:process id="welcome" isExecutable="true"><bpmn:startEvent id="s" />
      <bpmn:serviceTask id="greet" dosar:handler="greet"><bpmn:extensionElements><dosar:options><dosar:option name="salutation" value="Stimată" /></dosar:options></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="greet" /><bpmn:sequenceFlow id="f2" sourceRef="greet" targetRef="e" /></bpmn:process>`));
    const { id } = await engine.start('welcome', { variables: { name: 'Ana Pop' } });
    await engine.tick();
    const view = await engine.getInstance(id);
    expect(view.status).to.equal('completed');
    expect(view.variables).to.include({ greeting: 'Stimată Ana Pop' });
  });

  it('stops at a module whose handler has no options schema, naming the module', async () => {
    const err = await rejection(loadHandlerModules(builtInHandlers(), [fixture('handlers-bad/no-schema.ts')]));
    expect(err.code).to.equal('bad-input');
    expect(err.message).to.contain('no-schema.ts').and.to.contain('careless').and.to.contain('optionsSchema');
  });

  it('stops at a path that does not exist', async () => {
    const err = await rejection(loadHandlerModules(builtInHandlers(), [fixture('handlers/nowhere.ts')]));
    expect(err.code).to.equal('bad-input');
    expect(err.message).to.contain('nowhere.ts');
  });
});
