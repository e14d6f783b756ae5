import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createEnginePort } from '../../../../engine/store/engine-port.ts';
import { down, up } from '../../../../engine/store/migrations/20261202120000_key_events_by_instance.ts';
import { useTestDatabase } from '../../../support/database.ts';

describe('the migration keying events by instance', () => {
  const t = useTestDatabase();
  const indexes = async () => (await t.db.query<{ indexname: string; indexdef: string }>(
    "select indexname, indexdef from pg_indexes where schemaname = $1 and tablename = 'events' order by indexname", [t.db.schema],
  )).map((r) => `${r.indexname}: ${r.indexdef.replace(/^.* USING /, '')}`);

  it('leaves one index on events, (instance_id, id), and back to two, keeping every event in order', async () => {
    const knex = { raw: (sql: string) => t.db.query(sql) } as unknown as Knex;
    const id = randomUUID();
    const at = new Date('2026-03-02T08:00:00Z');
    const insert = (type: string) => t.db.query('insert into events (instance_id, items, at) values ($1, $2, $3)', [id, JSON.stringify([{ type }]), at]);
    await insert('instance.started');
    expect(await indexes()).to.deep.equal(['events_pkey: btree (instance_id, id)']);
    await down(knex);
    expect(await indexes()).to.deep.equal(['events_instance: btree (instance_id, id)', 'events_pkey: btree (id)']);
    await insert('task.created');
    await up(knex);
    await insert('instance.completed');
    expect((await createEnginePort(t.db).listEvents(id)).map((e) => e.type)).to.deep.equal(['instance.started', 'task.created', 'instance.completed']);
  });
});
