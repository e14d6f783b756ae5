import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { fixedClock } from '../../../engine/clock.ts';
import { Engine } from '../../../engine/engine.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { useTestDatabase } from '../../support/database.ts';

const authorisationXml = await readFile(new URL('../../fixtures/bpmn/authorisation.bpmn', import.meta.url), 'utf8');

describe('the engine\'s onStepsCommitted', () => {
  const t = useTestDatabase();
  const clock = fixedClock(new Date('2026-11-02T08:00:00Z'));
  let told: number[];
  let engine: Engine;
  beforeEach(async () => {
    told = [];
    engine = new Engine({ store: createEnginePort(t.db), clock, onStepsCommitted: (n) => told.push(n) });
    await engine.deploy(authorisationXml);
  });
  const total = () => told.reduce((a, b) => a + b, 0);

  it('is told of a step written on its own', async () => {
    await engine.start('authorisation');
    expect(total()).to.equal(1);
  });

  it('is told of a step in a caller\'s transaction only once it has committed', async () => {
    let inside = -1;
    await t.db.transaction(async (tx) => {
      await engine.start('authorisation', {}, createEnginePort(tx));
      inside = total();
    });
    expect(inside).to.equal(0);
    expect(total()).to.equal(1);
  });

  it('is not told of a step whose transaction rolled back', async () => {
    const failed = await t.db.transaction(async (tx) => {
      await engine.start('authorisation', {}, createEnginePort(tx));
      throw new Error('rolled back');
    }).catch((err: Error) => err);
    expect(failed).to.be.instanceOf(Error);
    expect(total()).to.equal(0);
  });
});
