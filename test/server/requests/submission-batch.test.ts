import { expect } from 'chai';
import { takeNumber } from '../../../server/registry/registry.ts';
import { SubmissionBatch } from '../../../server/requests/submission-batch.ts';
import { useTestDatabase } from '../../support/database.ts';

describe('SubmissionBatch', () => {
  const t = useTestDatabase();
  const at = new Date('2026-03-02T08:00:00Z');

  describe('when submissions arrive together', () => {
    it('commits them together with consecutive numbers, and a failing one takes no number', async () => {
      // given
      const batch = new SubmissionBatch(t.db);
      await t.db.query('create table if not exists accepted (i integer, n integer)');
      // when
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => batch.run({
        prepare: async (tx) => {
          await tx.query('insert into accepted (i) values ($1)', [i]);
          if (i === 5) throw new Error('refused');
          return i;
        },
        finish: async (tx, prepared) => {
          const { number } = await takeNumber(tx, 'intrari', at);
          await tx.query('update accepted set n = $2 where i = $1', [prepared, number]);
          return number;
        },
      })));
      // then
      const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(results.filter((r) => r.status === 'rejected')).to.have.length(1);
      expect(numbers).to.deep.equal(Array.from({ length: 11 }, (_, i) => i + 1));
      const rows = await t.db.query<{ i: number; n: number }>('select i, n from accepted order by n');
      expect(rows.map((r) => r.n)).to.deep.equal(numbers);
      expect(rows.map((r) => r.i)).not.to.include(5);
    });

    it('runs every prepare of a batch before the first number is taken', async () => {
      // given
      const batch = new SubmissionBatch(t.db);
      const log: string[] = [];
      // when
      await Promise.all([0, 1, 2].map((i) => batch.run({
        prepare: async (tx) => { await tx.query('select 1'); log.push(`prepare ${i}`); return i; },
        finish: async (tx, prepared) => { log.push(`number ${prepared}`); return (await takeNumber(tx, 'intrari', at)).number; },
      })));
      // then
      expect(log).to.deep.equal(['prepare 0', 'prepare 1', 'prepare 2', 'number 0', 'number 1', 'number 2']);
    });

    it('does not keep anything of a submission whose finish fails, and numbers the others without a gap', async () => {
      // given
      const batch = new SubmissionBatch(t.db);
      await t.db.query('create table if not exists kept (i integer, n integer)');
      let attempts = 0;
      // when
      const results = await Promise.allSettled([0, 1, 2, 3].map((i) => batch.run({
        prepare: async (tx) => { await tx.query('insert into kept (i) values ($1)', [i]); return i; },
        finish: async (tx, prepared) => {
          const { number } = await takeNumber(tx, 'intrari', at);
          if (prepared === 1) { attempts++; await tx.query('select 1/0'); }
          await tx.query('update kept set n = $2 where i = $1', [prepared, number]);
          return number;
        },
      })));
      // then
      expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(attempts).to.equal(1);
      const rows = await t.db.query<{ i: number; n: number }>('select i, n from kept order by i');
      expect(rows).to.deep.equal([{ i: 0, n: 1 }, { i: 2, n: 2 }, { i: 3, n: 3 }]);
    });
  });

  describe('when the commit fails', () => {
    it('keeps nothing of the batch, and answers each of its submissions with the error', async () => {
      const batch = new SubmissionBatch(t.db);
      // A deferred constraint is checked only at commit: every statement passes, the commit fails.
      await t.db.query('create table if not exists checked (n integer, constraint once unique (n) deferrable initially deferred)');
      const results = await Promise.allSettled([2, 3, 2].map((n) => batch.run({
        prepare: (tx) => tx.query('insert into checked values ($1)', [n]),
        finish: async (tx) => (await takeNumber(tx, 'intrari', at)).number,
      })));
      expect(results.every((r) => r.status === 'rejected')).to.equal(true);
      expect(await t.db.query('select n from checked')).to.deep.equal([]);
      expect(await t.db.query('select last_number from registers')).to.deep.equal([]);
    });
  });
});
