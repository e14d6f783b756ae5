import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { testDatabaseKind, useTestDatabase } from '../../support/database.ts';

describe('the database', () => {
  const t = useTestDatabase();

  describe('work after commit', () => {
    it('runs once the outermost transaction has committed, not before', async () => {
      const done: string[] = [];
      await t.db.transaction(async (tx) => {
        tx.afterCommit(() => done.push('outer'));
        await tx.transaction(async (inner) => { inner.afterCommit(() => done.push('savepoint')); });
        expect(done, 'nothing before the commit').to.deep.equal([]);
      });
      expect(done).to.deep.equal(['outer', 'savepoint']);
    });

    it('never runs after a rollback, nor for a savepoint that rolled back', async () => {
      const done: string[] = [];
      await t.db.transaction(async (tx) => {
        tx.afterCommit(() => done.push('kept'));
        await tx.transaction(async (inner) => {
          inner.afterCommit(() => done.push('undone'));
          throw new Error('savepoint fails');
        }).catch(() => undefined);
      });
      await t.db.transaction(async (tx) => {
        tx.afterCommit(() => done.push('rolled back'));
        throw new Error('transaction fails');
      }).catch(() => undefined);
      expect(done).to.deep.equal(['kept']);
    });

    it('runs at once outside a transaction, and a failure in it does not fail the commit', async () => {
      const done: string[] = [];
      t.db.afterCommit(() => done.push('now'));
      expect(done).to.deep.equal(['now']);
      const result = await t.db.transaction(async (tx) => {
        tx.afterCommit(() => { throw new Error('after-commit work fails'); });
        tx.afterCommit(() => done.push('still runs'));
        return 'committed';
      });
      expect(result).to.equal('committed');
      expect(done).to.deep.equal(['now', 'still runs']);
    });
  });

  describe('pool use', () => {
    it('counts a connection held by a transaction as not idle, and none once it is over', async () => {
      const inside = await t.db.transaction(async () => t.db.poolStats());
      const after = t.db.poolStats();
      expect(inside.total - inside.idle).to.be.at.least(1);
      expect(after.total).to.be.at.least(1);
      expect(after.total - after.idle).to.equal(0);
      expect(after.waiting).to.equal(0);
    });
  });

  describe('hot statements (step writes, job claims)', () => {
    const plan = (rows: Array<Record<string, unknown>>) => rows.map((r) => r['QUERY PLAN']).join('\n');
    // Ids the planner cannot see, as in a generic plan: it estimates from the (empty) table alone.
    const lookup = 'explain delete from jobs where id = any(array(select $1::uuid))';

    it('use the queue tables\' indexes even while the tables are empty', async function () {
      if (testDatabaseKind() !== 'postgres') this.skip();
      expect(plan(await t.db.query(lookup, [randomUUID()])), 'the planner\'s own choice').to.not.match(/Index Scan using jobs_pkey/);
      expect(plan(await t.db.hotQuery(lookup, [randomUUID()], 'test_explain_lookup'))).to.match(/Index Scan using jobs_pkey/);
    });

    it('never compile a plan just-in-time, even one that must scan a whole table', async function () {
      if (testDatabaseKind() !== 'postgres') this.skip();
      // no index can serve a volatile condition: the scan is disabled, hence costed high enough for JIT
      const scan = plan(await t.db.hotQuery('explain delete from jobs where id = any(array[gen_random_uuid()])', [], 'test_explain_scan'));
      expect(scan).to.match(/Seq Scan on jobs/);
      expect(scan).to.not.match(/JIT/);
    });

    it('run a hot transaction on their own connections, which never scan a table, and commit or roll it back whole', async function () {
      if (testDatabaseKind() !== 'postgres') this.skip();
      const setting = async (tx: typeof t.db) => (await tx.query<{ enable_seqscan: string }>('show enable_seqscan'))[0]!.enable_seqscan;
      const [kept, undone] = [randomUUID(), randomUUID()];
      expect(await t.db.transaction(async (tx) => {
        await tx.query(`insert into calendar_days (date, kind, reason) values ('2026-12-24', 'non-working', $1)`, [kept]);
        return setting(tx);
      }, { hot: true })).to.equal('off');
      await t.db.transaction(async (tx) => {
        await tx.query(`insert into calendar_days (date, kind, reason) values ('2026-12-25', 'non-working', $1)`, [undone]);
        throw new Error('roll back');
      }, { hot: true }).catch(() => undefined);
      expect(await t.db.transaction(setting)).to.equal('on');
      const rows = await t.db.query<{ reason: string }>('select reason from calendar_days where reason = any($1)', [[kept, undone]]);
      expect(rows.map((r) => r.reason)).to.deep.equal([kept]);
    });

    it('join the transaction they are given: its rollback undoes them', async () => {
      const id = randomUUID();
      const rolledBack = await t.db.transaction(async (tx) => {
        await tx.hotQuery(`insert into calendar_days (date, kind, reason) values ('2026-12-24', 'non-working', $1)`, [id], 'test_insert_hot');
        throw new Error('roll back');
      }).catch((err: Error) => err.message);
      expect(rolledBack).to.equal('roll back');
      const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from calendar_days where reason = $1', [id]);
      expect(row!.n).to.equal(0);
    });
  });
});
