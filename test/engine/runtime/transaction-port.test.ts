import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { fixedClock } from '../../../engine/clock.ts';
import { Engine } from '../../../engine/engine.ts';
import type { EnginePort } from '../../../engine/ports.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { useTestDatabase } from '../../support/database.ts';

const authorisationXml = await readFile(new URL('../../fixtures/bpmn/authorisation.bpmn', import.meta.url), 'utf8');

/**
 * The engine's pool port, refusing every call while `closed` is set: inside a caller's transaction
 * a read through the pool waits forever on PGlite (one connection), so here it fails at once instead.
 */
function guardedPool(pool: EnginePort): { port: EnginePort; closed: { value: boolean } } {
  const closed = { value: false };
  const port = new Proxy(pool, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (closed.value) throw new Error(`the pool's ${String(name)} was used inside the caller's transaction`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { port, closed };
}

describe('commands in a caller\'s transaction', () => {
  const t = useTestDatabase();
  const clock = fixedClock(new Date('2026-11-02T08:00:00Z'));

  it('changes the deadline with a cold calendar cache, reading only through the transaction', async () => {
    const warm = new Engine({ store: createEnginePort(t.db), clock });
    await warm.deploy(authorisationXml);
    const { id } = await warm.start('authorisation');
    // A new engine: no calendar, no definition, no instance state in memory.
    const pool = guardedPool(createEnginePort(t.db));
    const cold = new Engine({ store: pool.port, clock });
    const view = await t.db.transaction(async (tx) => {
      pool.closed.value = true;
      try {
        return await cold.changeDeadline(id, { action: 'suspend', reason: 'Completare' }, createEnginePort(tx));
      } finally {
        pool.closed.value = false;
      }
    });
    expect(view).to.deep.include({ state: 'suspended', due: null });
    expect((await cold.getInstance(id)).clock).to.deep.include({ state: 'suspended' });
  });

  it('starts an instance and completes its task (suspending the deadline) with a cold engine, reading only through the transaction', async () => {
    await new Engine({ store: createEnginePort(t.db), clock }).deploy(authorisationXml);
    const pool = guardedPool(createEnginePort(t.db));
    const cold = new Engine({ store: pool.port, clock });
    const started = await t.db.transaction(async (tx) => {
      pool.closed.value = true;
      try {
        const port = createEnginePort(tx);
        const s = await cold.start('authorisation', {}, port);
        const [review] = await tx.query<{ id: string }>('select id from tasks where instance_id = $1', [s.id]);
        await cold.completeTask(review!.id, { missingDocuments: true }, port);
        return s;
      } finally {
        pool.closed.value = false;
      }
    });
    expect(started.due).to.equal('2026-12-02');
    const view = await cold.getInstance(started.id);
    expect(view.active).to.deep.equal(['waitDocs']);
    expect(view.clock).to.deep.include({ state: 'suspended', due: null });
  });
});
