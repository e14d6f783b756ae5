import { expect } from 'chai';
import type { Database } from '../../../engine/index.ts';
import { assertReady } from '../../../server/ops/readiness.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('readiness (/health/ready)', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;
  before(async () => { s = await startTestServer(t.db); });
  after(async () => { await s.close(); });

  /** Takes one applied migration off its list for the duration of `fn`, as a database one version behind. */
  async function withoutApplied(table: string, fn: () => Promise<void>): Promise<string> {
    const [row] = await t.db.query<{ id: number; name: string }>(`select id, name from ${table} order by id desc limit 1`);
    await t.db.query(`delete from ${table} where id = $1`, [row!.id]);
    try {
      await fn();
    } finally {
      await t.db.query(`insert into ${table} (id, name, batch, migration_time) values ($1, $2, 1, now())`, [row!.id, row!.name]);
    }
    return row!.name;
  }

  describe('when every migration is applied and the database answers', () => {
    it('answers 200 ready, to anyone', async () => {
      const res = await s.api('/health/ready');
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ status: 'ready' });
    });
  });

  describe('when a migration is not applied', () => {
    for (const table of ['dosar_server_migrations', 'knex_migrations']) {
      it(`answers 503 not-ready naming it (${table === 'knex_migrations' ? 'the engine\'s' : 'the server\'s'})`, async () => {
        let res: Awaited<ReturnType<TestServer['api']>> | undefined;
        const name = await withoutApplied(table, async () => { res = await s.api('/health/ready?lang=en'); });
        expect(res!.status).to.equal(503);
        expect(res!.body.error.code).to.equal('not-ready');
        expect(res!.body.error.message).to.equal('The database lacks migrations.');
        expect(res!.body.error.details).to.deep.equal({ pendingMigrations: [name] });
      });
    }

    it('does not change liveness: /health still answers 200', async () => {
      let status = 0;
      await withoutApplied('dosar_server_migrations', async () => { status = (await s.api('/health')).status; });
      expect(status).to.equal(200);
    });
  });

  describe('when the database does not answer', () => {
    it('refuses with not-ready', async () => {
      const down = new Proxy(t.db, { get: (target, prop) => (prop === 'query' ? () => Promise.reject(new Error('connection refused')) : Reflect.get(target, prop)) }) as Database;
      const err = await assertReady(down).then(() => undefined, (e: unknown) => e as { code: string; message: string });
      expect(err?.code).to.equal('not-ready');
      expect(err?.message).to.equal('The database does not answer.');
    });
  });
});
