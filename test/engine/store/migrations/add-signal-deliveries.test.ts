import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { down, up } from '../../../../engine/store/migrations/20261204100000_add_signal_deliveries.ts';
import { useTestDatabase } from '../../../support/database.ts';

describe('the migration adding signal deliveries', () => {
  const t = useTestDatabase();

  it('keeps the subscriptions made before it as message subscriptions, and goes down and up again', async () => {
    // given: a subscription written before signals existed
    const knex = { raw: (sql: string) => t.db.query(sql) } as unknown as Knex;
    await down(knex);
    const id = randomUUID();
    await t.db.query('insert into subscriptions (id, instance_id, message_name, element_id) values ($1, $2, $3, $4)', [id, randomUUID(), 'acte-primite', 'wait']);
    // when
    await up(knex);
    // then
    const [row] = await t.db.query<{ kind: string }>('select kind from subscriptions where id = $1', [id]);
    expect(row!.kind).to.equal('message');
    const bad = await t.db.query("insert into subscriptions (id, instance_id, message_name, element_id, kind) values ($1, $2, 'x', 'y', 'other')", [randomUUID(), randomUUID()]).then(() => 'accepted', () => 'refused');
    expect(bad).to.equal('refused');
    const [deliveries] = await t.db.query<{ n: number }>('select count(*)::int as n from signal_deliveries');
    expect(deliveries!.n).to.equal(0);
  });
});
