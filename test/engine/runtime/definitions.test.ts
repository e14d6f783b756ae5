import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { fixedClock } from '../../../engine/clock.ts';
import { Engine } from '../../../engine/engine.ts';
import { AppError } from '../../../engine/errors.ts';
import { builtInHandlers } from '../../../engine/jobs/handlers.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { useTestDatabase } from '../../support/database.ts';

const petitionXml = await readFile(new URL('../../fixtures/bpmn/petition.bpmn', import.meta.url), 'utf8');

describe('deploying compiled models', () => {
  const t = useTestDatabase();
  let engine: Engine;

  beforeEach(() => {
    // The petition model names the send-answer handler: the installation must have it to deploy.
    const handlers = builtInHandlers().register({ name: 'send-answer', optionsSchema: { type: 'object' }, run: () => ({}) });
    engine = new Engine({ store: createEnginePort(t.db), handlers, clock: fixedClock(new Date('2026-03-02T08:00:00Z')) });
  });

  it('deploys a model compiled by compile() as it is, without compiling it again', async () => {
    const model = await engine.compile(petitionXml);
    expect(model.definitions.map((d) => d.key)).to.deep.equal(['petition']);
    // Seen only if the compiled model itself is stored.
    model.definitions[0]!.name = 'Compilat o dată';
    const [deployed] = await engine.deployMany([model]);
    expect(deployed!.definition.name).to.equal('Compilat o dată');
    expect((await engine.findDefinition('petition')).definition.name).to.equal('Compilat o dată');
  });

  it('compiles from its XML a model that compile() did not make', async () => {
    const model = await engine.compile(petitionXml);
    const [deployed] = await engine.deployMany([{ xml: petitionXml, definitions: [{ ...model.definitions[0]!, name: 'Forged' }] }]);
    expect(deployed!.definition.name).to.not.equal('Forged');
    expect(deployed!.definition.key).to.equal('petition');
  });

  it('refuses in compile() what deploy refuses, with the same problems', async () => {
    const broken = petitionXml.replace('sourceRef="triage"', 'sourceRef="nowhere"');
    const byCompile = await engine.compile(broken).catch((e: AppError) => e);
    const byDeploy = await engine.deploy(broken).catch((e: AppError) => e);
    expect(byCompile).to.be.instanceOf(AppError).with.property('code', 'definition-invalid');
    expect((byCompile as AppError).problems).to.deep.equal((byDeploy as AppError).problems);
  });
});
