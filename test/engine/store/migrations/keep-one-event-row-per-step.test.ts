import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createEnginePort } from '../../../../engine/store/engine-port.ts';
import { down, up } from '../../../../engine/store/migrations/20261125150000_keep_one_event_row_per_step.ts';
import * as readViews from '../../../../engine/store/migrations/20261203130000_publish_read_views.ts';
import { useTestDatabase } from '../../../support/database.ts';

describe('the migration to one event row per step', () => {
  const t = useTestDatabase();

  it('turns every event row of an existing database into a one-event row, in order, and back', async () => {
    const knex = { raw: (sql: string) => t.db.query(sql) } as unknown as Knex;
    const id = randomUUID();
    const at = new Date('2026-03-02T08:00:00Z');
    await t.db.query('insert into events (instance_id, items, at) values ($1, $2, $3)', [id, JSON.stringify([{ type: 'instance.started' }, { type: 'element.entered', elementId: 'triere', data: { n: 1 } }]), at]);
    // The read views came later and read `items`: without them, as the schema then was.
    await readViews.down(knex);
    await down(knex);
    const old = await t.db.query<{ type: string; element_id: string | null; data: unknown }>('select type, element_id, data from events order by id');
    expect(old).to.deep.equal([{ type: 'instance.started', element_id: null, data: null }, { type: 'element.entered', element_id: 'triere', data: { n: 1 } }]);
    await t.db.query('insert into events (instance_id, type, at) values ($1, $2, $3)', [id, 'task.created', at]);
    await up(knex);
    await readViews.up(knex);
    expect(await createEnginePort(t.db).listEvents(id)).to.deep.equal([
      { type: 'instance.started', at: at.toISOString() },
      { type: 'element.entered', elementId: 'triere', at: at.toISOString(), data: { n: 1 } },
      { type: 'task.created', at: at.toISOString() },
    ]);
  });
});
