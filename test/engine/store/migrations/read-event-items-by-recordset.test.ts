import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { down, up } from '../../../../engine/store/migrations/20261207090000_read_event_items_by_recordset.ts';
import { useTestDatabase } from '../../../support/database.ts';

describe('the migration reading event items by recordset', () => {
  const t = useTestDatabase();

  it('shows the same rows, columns and types through engine_events_v before and after, and back', async () => {
    // given a step's items with and without element and data, and a row with no items
    const knex = { raw: (sql: string) => t.db.query(sql) } as unknown as Knex;
    const id = randomUUID();
    const items = [{ type: 'instance.started' }, { type: 'element.entered', elementId: 'analiza', data: { flow: 'f1', n: 2 } }, { type: 'clock.suspended', data: { due: null } }];
    await t.db.query('insert into events (instance_id, items, at) values ($1, $2, $3), ($1, $4, $3)', [id, JSON.stringify(items), new Date('2026-03-02T08:00:00Z'), '[]']);
    const read = async () => ({
      rows: await t.db.query('select position, type, element_id, data from engine_events_v where instance_id = $1 order by row_id, position', [id]),
      types: await t.db.query("select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = 'engine_events_v' order by ordinal_position"),
    });
    const after = await read();
    // when the view goes back to its former definition, and up again
    await down(knex);
    const before = await read();
    await up(knex);
    // then every reading is the same
    expect(after).to.deep.equal(before);
    expect(await read()).to.deep.equal(after);
    expect(after.rows.map((r) => [r.type, r.element_id])).to.deep.equal([['instance.started', null], ['element.entered', 'analiza'], ['clock.suspended', null]]);
  });
});
