import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * The floor the engine is measured against: the simplest durable step written by hand
 * (BEGIN; UPDATE one row; INSERT one event row; COMMIT) with raw pg prepared statements, one
 * connection per client. `run` can be called again and again (the bench alternates it with the
 * engine's slices); `close` drops its schema.
 */
export interface Floor {
  /** Runs every client until `ms` have passed; returns the steps done. */
  run(ms: number): Promise<number>;
  close(): Promise<void>;
}

/** `rows`: the items table's size (default one row per client); with more, each step updates a random row. */
export async function openFloor(url: string, clients: number, options: { rows?: number } = {}): Promise<Floor> {
  const rows = options.rows ?? clients;
  const schema = `floor_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.query(`create table ${schema}.items (id int primary key, n int not null)`);
  await admin.query(`create table ${schema}.events (id bigserial primary key, item_id int not null, at timestamptz not null)`);
  await admin.query(`insert into ${schema}.items select g, 0 from generate_series(1, $1) g`, [rows]);
  if (rows > clients) await admin.query(`vacuum analyze ${schema}.items`);
  const connections = await Promise.all(Array.from({ length: clients }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  }));
  return {
    async run(ms) {
      let steps = 0;
      const deadline = Date.now() + ms;
      await Promise.all(connections.map(async (client, i) => {
        while (Date.now() < deadline) {
          await client.query('begin');
          const id = rows > clients ? 1 + Math.floor(Math.random() * rows) : i + 1;
          await client.query({ name: 'floor_update', text: `update ${schema}.items set n = n + 1 where id = $1`, values: [id] });
          await client.query({ name: 'floor_insert', text: `insert into ${schema}.events (item_id, at) values ($1, now())`, values: [i + 1] });
          await client.query('commit');
          steps += 1;
        }
      }));
      return steps;
    },
    async close() {
      await Promise.all(connections.map((c) => c.end()));
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}
