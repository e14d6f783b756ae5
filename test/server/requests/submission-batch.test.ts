import { expect } from 'chai';
import type { Database } from '../../../engine/index.ts';
import { takeNumbers } from '../../../server/registry/registry.ts';
import { SubmissionBatch } from '../../../server/requests/submission-batch.ts';
import { useTestDatabase } from '../../support/database.ts';

describe('SubmissionBatch', () => {
  const t = useTestDatabase();
  const at = new Date('2026-03-02T08:00:00Z');

  /** Numbers the prepared rows of `table` in their order, as submissions are numbered. */
  const numbering = (table: string, log: string[] = []) => async (tx: Database, prepared: number[]): Promise<number[]> => {
    log.push(`number ${prepared.join(',')}`);
    const numbers = (await takeNumbers(tx, 'intrari', at, prepared.length)).map((n) => n.number);
    await tx.query(`update ${table} set n = x.n from unnest($1::int[], $2::int[]) as x(i, n) where ${table}.i = x.i`, [prepared, numbers]);
    return numbers;
  };

  describe('when submissions arrive together', () => {
    it('commits them together with consecutive numbers, and a failing one takes no number', async () => {
      // given
      await t.db.query('create table if not exists accepted (i integer, n integer)');
      const batch = new SubmissionBatch(t.db, numbering('accepted'));
      // when
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => batch.run(async (tx) => {
        await tx.query('insert into accepted (i) values ($1)', [i]);
        if (i === 5) throw new Error('refused');
        return i;
      })));
      // then
      const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as Error).message)).to.deep.equal(['refused']);
      expect(numbers).to.deep.equal(Array.from({ length: 11 }, (_, i) => i + 1));
      const rows = await t.db.query<{ i: number; n: number }>('select i, n from accepted order by n');
      expect(rows.map((r) => r.n)).to.deep.equal(numbers);
      expect(rows.map((r) => r.i)).not.to.include(5);
    });

    it('runs every prepare of a batch before its numbers are taken, all at once', async () => {
      // given
      const log: string[] = [];
      const batch = new SubmissionBatch(t.db, async (tx, prepared: number[]) => {
        log.push(`number ${prepared.join(',')}`);
        return (await takeNumbers(tx, 'intrari', at, prepared.length)).map((n) => n.number);
      });
      // when
      const numbers = await Promise.all([0, 1, 2].map((i) => batch.run(async (tx) => { await tx.query('select 1'); log.push(`prepare ${i}`); return i; })));
      // then
      expect(log).to.deep.equal(['prepare 0', 'prepare 1', 'prepare 2', 'number 0,1,2']);
      expect(numbers).to.deep.equal([1, 2, 3]);
    });

    it('runs each submission alone when numbering the batch fails, keeping nothing of the one that caused it and no gap', async () => {
      // given: numbering fails for any batch that holds submission 1
      await t.db.query('create table if not exists kept (i integer, n integer)');
      const log: string[] = [];
      const number = numbering('kept', log);
      const batch = new SubmissionBatch(t.db, async (tx, prepared: number[]) => {
        if (prepared.includes(1)) { log.push(`fail ${prepared.join(',')}`); await tx.query('select 1/0'); }
        return number(tx, prepared);
      });
      // when
      const results = await Promise.allSettled([0, 1, 2, 3].map((i) => batch.run(async (tx) => { await tx.query('insert into kept (i) values ($1)', [i]); return i; })));
      // then
      expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(((results[1] as PromiseRejectedResult).reason as { code?: string }).code).to.equal('22012');
      expect(log).to.deep.equal(['fail 0,1,2,3', 'number 0', 'fail 1', 'number 2', 'number 3']);
      const rows = await t.db.query<{ i: number; n: number }>('select i, n from kept order by i');
      expect(rows).to.deep.equal([{ i: 0, n: 1 }, { i: 2, n: 2 }, { i: 3, n: 3 }]);
    });
  });

  describe('when the commit fails', () => {
    it('keeps nothing of the batch, and answers each of its submissions with the error', async () => {
      // A deferred constraint is checked only at commit: every statement passes, the commit fails.
      await t.db.query('create table if not exists checked (n integer, constraint once unique (n) deferrable initially deferred)');
      const batch = new SubmissionBatch(t.db, async (tx, prepared: unknown[]) => (await takeNumbers(tx, 'intrari', at, prepared.length)).map((n) => n.number));
      const results = await Promise.allSettled([2, 3, 2].map((n) => batch.run((tx) => tx.query('insert into checked values ($1)', [n]))));
      expect(results.every((r) => r.status === 'rejected')).to.equal(true);
      expect(await t.db.query('select n from checked')).to.deep.equal([]);
      expect(await t.db.query('select last_number from registers')).to.deep.equal([]);
    });
  });
});
