import { expect } from 'chai';
import { takeNumber } from '../../../server/registry/registry.ts';
import { GroupCommit } from '../../../server/requests/group-commit.ts';
import { useTestDatabase } from '../../support/database.ts';

describe('GroupCommit', () => {
  const t = useTestDatabase();
  const at = new Date('2026-03-02T08:00:00Z');

  it('commits concurrent submissions together with consecutive numbers, and a failing one gives its number back', async () => {
    const group = new GroupCommit(t.db);
    await t.db.query('create table if not exists accepted (n integer)');
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => group.run(async (tx) => {
      const { number } = await takeNumber(tx, 'intrari', at);
      await tx.query('insert into accepted values ($1)', [number]);
      if (i === 5) throw new Error('refused');
      return number;
    })));
    const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(results.filter((r) => r.status === 'rejected')).to.have.length(1);
    expect(numbers.sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 11 }, (_, i) => i + 1));
    const rows = await t.db.query<{ n: number }>('select n from accepted order by n');
    expect(rows.map((r) => r.n)).to.deep.equal(numbers);
  });

  it('keeps nothing of a batch whose commit fails, and answers each of its submissions with the error', async () => {
    const group = new GroupCommit(t.db);
    // A deferred constraint is checked only at commit: the savepoints pass, the commit fails.
    await t.db.query('create table if not exists checked (n integer, constraint once unique (n) deferrable initially deferred)');
    const results = await Promise.allSettled([2, 3, 2].map((n) => group.run((tx) => tx.query('insert into checked values ($1)', [n]))));
    expect(results.every((r) => r.status === 'rejected')).to.equal(true);
    expect(await t.db.query('select n from checked')).to.deep.equal([]);
  });
});
