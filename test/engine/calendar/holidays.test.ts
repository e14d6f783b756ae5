import { expect } from 'chai';
import { holidaysOf, orthodoxEaster } from '../../../engine/calendar/index.ts';

describe('orthodoxEaster', () => {
  const known: Array<[number, string]> = [
    [1990, '1990-04-15'], [2000, '2000-04-30'], [2010, '2010-04-04'], [2024, '2024-05-05'], [2025, '2025-04-20'],
    [2026, '2026-04-12'], [2027, '2027-05-02'], [2028, '2028-04-16'], [2030, '2030-04-28'], [2100, '2100-05-02'],
  ];
  for (const [year, date] of known) {
    it(`falls on ${date} in ${year}`, () => {
      expect(orthodoxEaster(year).toISOString().slice(0, 10)).to.equal(date);
    });
  }
});

describe('holidaysOf', () => {
  it('lists the 2026 public holidays of Codul muncii art. 139', () => {
    expect(holidaysOf(2026).map((h) => h.date)).to.deep.equal([
      '2026-01-01', '2026-01-02', '2026-01-06', '2026-01-07', '2026-01-24',
      '2026-04-10', '2026-04-12', '2026-04-13', '2026-05-01', '2026-05-31', '2026-06-01', '2026-06-01',
      '2026-08-15', '2026-11-30', '2026-12-01', '2026-12-25', '2026-12-26',
    ]);
  });

  it('does not count holidays before the law that created them', () => {
    const names = holidaysOf(2016).map((h) => h.name);
    expect(names).not.to.include('Vinerea Mare');
    expect(names).not.to.include('Bobotează');
    expect(names).to.include('Sfântul Andrei');
  });

  it('cites the source of each holiday', () => {
    for (const h of holidaysOf(2027)) expect(h.source).to.match(/^Codul muncii art\. 139/);
  });
});
