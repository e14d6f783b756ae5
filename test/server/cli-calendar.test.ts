import { expect } from 'chai';
import { CLI_TIMEOUT, dosarJson, dosarText, useInstallation } from '../support/installation.ts';

/** `dosar calendar`: the days a city hall adds to or takes from the legal calendar, and how terms count them. */
describe('dosar calendar', function () {
  this.timeout(CLI_TIMEOUT);
  const installation = useInstallation({}, { scenario: true, migrated: true });

  it('lists a year\'s holidays and the days added, in date order, and counts a term with them', async () => {
    await dosarJson(installation, 'calendar', 'add', '2027-07-02', 'Zi liberă acordată prin HG');
    await dosarJson(installation, 'calendar', 'add', '2027-07-10', 'Sâmbătă lucrată', '--working');
    const lines = (await dosarText(installation, 'calendar', 'list', '--year', '2027')).trim().split('\n');
    expect(lines.map((l) => l.slice(0, 10))).to.deep.equal([...lines.map((l) => l.slice(0, 10))].sort());
    expect(lines.indexOf('2027-07-02 Zi liberă acordată prin HG (zi nelucrătoare)')).to.be.greaterThan(lines.findIndex((l) => l.startsWith('2027-06-21')));
    expect(lines.indexOf('2027-07-10 Sâmbătă lucrată (zi lucrată)')).to.be.lessThan(lines.findIndex((l) => l.startsWith('2027-08-15')));
    // Thu 1 July + 2 working days: not Friday 2 (given off), Monday 5, Tuesday 6.
    expect((await dosarJson(installation, 'term', '2027-07-01', '2', 'working-days')).due).to.equal('2027-07-06');
    // Thu 8 July + 2 working days: Friday 9, then the Saturday worked.
    expect((await dosarJson(installation, 'term', '2027-07-08', '2', 'working-days')).due).to.equal('2027-07-10');
  });
});
