import { expect } from 'chai';
import { formatNumber, takeNumber } from '../../../server/registry/registry.ts';
import { useTestDatabase } from '../../support/database.ts';

describe('registry numbers', () => {
  const t = useTestDatabase();

  it('numbers a register 1, 2, 3 and prints the Bucharest date of registration', async () => {
    const numbers = [];
    for (const at of ['2026-03-02T08:00:00Z', '2026-03-02T21:59:00Z', '2026-03-02T22:30:00Z']) {
      numbers.push((await t.db.transaction((tx) => takeNumber(tx, 'intrari', new Date(at)))).formatted);
    }
    // 22:30 UTC is already 3 March in Bucharest (UTC+2 in winter).
    expect(numbers).to.deep.equal(['1/02.03.2026', '2/02.03.2026', '3/03.03.2026']);
  });

  it('restarts at 1 on 1 January, Bucharest time, and keeps registers apart', async () => {
    await t.db.transaction((tx) => takeNumber(tx, 'intrari', new Date('2026-12-31T12:00:00Z')));
    const lastOf2026 = await t.db.transaction((tx) => takeNumber(tx, 'intrari', new Date('2026-12-31T21:59:59Z')));
    const firstOf2027 = await t.db.transaction((tx) => takeNumber(tx, 'intrari', new Date('2026-12-31T22:00:00Z')));
    const outgoing = await t.db.transaction((tx) => takeNumber(tx, 'iesiri', new Date('2026-12-31T22:00:00Z')));
    expect([lastOf2026.formatted, firstOf2027.formatted, outgoing.formatted]).to.deep.equal(['2/31.12.2026', '1/01.01.2027', '1/01.01.2027']);
  });

  it('gives the number back when the accepting transaction fails, so no gap is left', async () => {
    await t.db.transaction((tx) => takeNumber(tx, 'intrari', new Date('2026-05-04T08:00:00Z')));
    await t.db.transaction(async (tx) => {
      await takeNumber(tx, 'intrari', new Date('2026-05-04T08:00:00Z'));
      throw new Error('the request was refused');
    }).catch(() => undefined);
    const next = await t.db.transaction((tx) => takeNumber(tx, 'intrari', new Date('2026-05-04T08:00:00Z')));
    expect(next.number).to.equal(2);
  });

  it('hands out distinct consecutive numbers to concurrent submissions', async function () {
    const at = new Date('2026-06-01T08:00:00Z');
    const taken = await Promise.all(Array.from({ length: 20 }, () => t.db.transaction((tx) => takeNumber(tx, 'intrari', at))));
    expect(taken.map((n) => n.number).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses a register name that is not one', async () => {
    const err = await t.db.transaction((tx) => takeNumber(tx, "x'; drop table registers; --", new Date())).catch((e: Error) => e);
    expect(err).to.have.property('code', 'bad-input');
  });

  it('formats with a configurable pattern', () => {
    expect(formatNumber('{register}-{yyyy}/{n}', 17, '2026-03-02', 'intrari')).to.equal('intrari-2026/17');
  });
});
