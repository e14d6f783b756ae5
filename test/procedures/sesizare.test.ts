import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { CoreDriver } from '../support/core-driver.ts';

const xml = readFileSync(new URL('../../procedures/sesizare/sesizare.bpmn', import.meta.url), 'utf8');

/** The built-in public-space report, checked against hand-computed dates. */
describe('procedures/sesizare (OG 27/2002)', () => {
  async function reported(at: string, categorie: string): Promise<CoreDriver> {
    const d = await CoreDriver.fromXml(xml);
    d.now = at;
    return d.start({ categorie, locatie: { adresa: 'Str. Lungă 7' }, descriere: 'Stâlpul nu luminează.' });
  }

  it('is due 30 days after registration (art. 8), moved past Orthodox Easter 2027', async () => {
    // registered Fri 2027-04-02: +30 = Sun 05-02 (Easter); Mon 05-03 Easter Monday -> Tue 2027-05-04
    const d = await reported('2027-04-02T09:00:00.000Z', 'iluminat');
    expect(d.events.find((e) => e.type === 'clock.started')!.data).to.deep.include({ due: '2027-05-04' });
  });

  it('is due past the new-year holidays when registered at the start of December', async () => {
    // registered Wed 2026-12-02: +30 = Fri 2027-01-01, a holiday; Sat 01-02, Sun 01-03 -> Mon 2027-01-04
    const d = await reported('2026-12-02T09:00:00.000Z', 'deseuri');
    expect(d.events.find((e) => e.type === 'clock.started')!.data).to.deep.include({ due: '2027-01-04' });
  });

  for (const [categorie, department] of [['iluminat', 'gospodarie-comunala'], ['drumuri', 'gospodarie-comunala'], ['deseuri', 'mediu'], ['spatii-verzi', 'mediu'], ['altele', 'registratura']]) {
    it(`routes a report about ${categorie} to ${department}`, async () => {
      const d = await reported('2026-03-02T09:00:00.000Z', categorie!);
      expect(d.task('rezolvare').candidateGroups).to.deep.equal([department]);
    });
  }

  it('ends once the department has answered and the registry has sent the answer', async () => {
    const d = await reported('2026-03-02T09:00:00.000Z', 'iluminat');
    d.completeTask('rezolvare', { rezultat: 'rezolvata', raspuns: 'Becul a fost înlocuit pe 5 martie.' });
    expect(d.task('raspuns').candidateGroups).to.deep.equal(['registratura']);
    d.completeTask('raspuns', { semnatar: 'Ion Popescu' });
    expect(d.status).to.equal('completed');
    expect(d.completed('raspunsTrimis')).to.equal(true);
  });
});
