import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { CoreDriver } from '../support/core-driver.ts';

const xml = readFileSync(new URL('../../procedures/petitie/petitie.bpmn', import.meta.url), 'utf8');

/** The built-in petition, checked against hand-computed dates. */
describe('procedures/petitie (OG 27/2002)', () => {
  async function registered(at: string): Promise<CoreDriver> {
    const d = await CoreDriver.fromXml(xml);
    d.now = at;
    return d.start({ subiect: 'Iluminat public' });
  }

  it('is due 30 days after registration (art. 8), moved past 30 November and 1 December', async () => {
    // registered Fri 2026-10-30: +30 = Sun 11-29; Mon 11-30 and Tue 12-01 are holidays -> Wed 2026-12-02
    const d = await registered('2026-10-30T09:00:00.000Z');
    expect(d.events.find((e) => e.type === 'clock.started')!.data).to.deep.include({ due: '2026-12-02' });
  });

  it('gives the registry 5 days to triage (art. 6)', async () => {
    // registered Wed 2026-04-08: +5 = Mon 04-13 Easter Monday -> Tue 2026-04-14, end of day in Bucharest
    const d = await registered('2026-04-08T09:00:00.000Z');
    expect(d.task('triere').due).to.equal('2026-04-14T20:59:59.999Z');
  });

  it('files an anonymous petition without an answer (art. 7)', async () => {
    const d = await registered('2026-03-02T09:00:00.000Z');
    d.completeTask('triere', { anonima: true, competenta: true });
    expect(d.status).to.equal('completed');
    expect(d.completed('clasata')).to.equal(true);
  });

  it('routes the petition to the chosen department and extends the term by 15 days (art. 9)', async () => {
    // registered Mon 2026-03-02: due Wed 04-01; extended by 15 days -> Thu 2026-04-16
    const d = await registered('2026-03-02T09:00:00.000Z');
    d.completeTask('triere', { anonima: false, competenta: true, departament: 'drumuri' });
    expect(d.task('solutionare').candidateGroups).to.deep.equal(['drumuri']);
    d.now = '2026-03-20T09:00:00.000Z';
    d.completeTask('solutionare', { necesitaPrelungire: true });
    expect(d.events.find((e) => e.type === 'clock.extended')!.data).to.deep.include({ due: '2026-04-16', source: 'OG 27/2002 art. 9' });
    d.completeTask('solutionareDupaPrelungire').completeTask('raspuns');
    expect(d.status).to.equal('completed');
    expect(d.state!.clock!.events.at(-1)!.type).to.equal('stopped');
  });

  it('reminds the department 3 working days before the due date', async () => {
    // due Wed 2026-04-01: 3 working days before = Fri 2026-03-27, from its first minute in Bucharest
    const d = await registered('2026-03-02T09:00:00.000Z');
    d.completeTask('triere', { anonima: false, competenta: true, departament: 'drumuri' });
    expect(d.timerAt('reamintire')!.dueAt).to.equal('2026-03-26T22:00:00.000Z');
  });
});
