import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * The floor the engine is measured against: the simplest durable step written by hand
 * (BEGIN; UPDATE one row; INSERT one event row; COMMIT) with raw pg prepared statements.
 */
export async function measureFloor(url: string, options: { clients: number; seconds: number }): Promise<number> {
  const schema = `floor_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
    await admin.query(`create table ${schema}.items (id int primary key, n int not null)`);
    await admin.query(`create table ${schema}.events (id bigserial primary key, item_id int not null, at timestamptz not null)`);
    await admin.query(`insert into ${schema}.items select g, 0 from generate_series(1, $1) g`, [options.clients]);
    let steps = 0;
    const deadline = Date.now() + options.seconds * 1000;
    const began = performance.now();
    await Promise.all(Array.from({ length: options.clients }, async (_, i) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        while (Date.now() < deadline) {
          await client.query('begin');
          await client.query({ name: 'floor_update', text: `update ${schema}.items set n = n + 1 where id = $1`, values: [i + 1] });
          await client.query({ name: 'floor_insert', text: `insert into ${schema}.events (item_id, at) values ($1, now())`, values: [i + 1] });
          await client.query('commit');
          steps += 1;
        }
      } finally {
        await client.end();
      }
    }));
    return steps / ((performance.now() - began) / 1000);
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}
