import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { compileModel } from '../../engine/index.ts';
import { checkPackage, readPackage } from '../../server/procedures/package.ts';
import { CoreDriver } from '../support/core-driver.ts';

const dir = new URL('../../procedures/informatii-publice/', import.meta.url);
const xml = readFileSync(new URL('informatii-publice.bpmn', dir), 'utf8');

/**
 * Legea 544/2001 counts in calendar days ("zile"). The engine counts them by the civil rule (Codul
 * civil art. 2553-2554, engine/calendar/term.ts computeTerm): the registration day does not count, the
 * term ends at the end of its last day, and a last day that is not worked moves to the next working
 * day. Orthodox Easter 2027 is Sunday 2 May: Good Friday 30 April, Labour Day Saturday 1 May, Easter
 * Monday 3 May are holidays (Codul muncii art. 139); 1 June is Children's Day.
 */
describe('procedures/informatii-publice (Legea 544/2001)', () => {
  async function registered(at: string): Promise<CoreDriver> {
    const d = await CoreDriver.fromXml(xml);
    d.now = at;
    return d.start({ nume: 'Maria Ionescu', email: 'maria@exemplu.ro', informatiiSolicitate: 'Contractele de iluminat public din 2026', format: 'electronic' });
  }
  const clockDue = (d: CoreDriver): string | undefined => {
    const last = [...d.events].reverse().find((e) => e.type.startsWith('clock.') && typeof e.data === 'object' && e.data !== null && 'due' in e.data);
    return (last?.data as { due?: string } | undefined)?.due;
  };

  it('deploys as a package: model, forms for every task, templates for every document it issues', async () => {
    const pkg = await readPackage(dir.pathname);
    expect(checkPackage(pkg, await compileModel(pkg.xml))).to.deep.equal([]);
    expect(Object.keys(pkg.templates).sort()).to.deep.equal(['notificare-prelungire', 'raspuns', 'raspuns-reclamatie', 'refuz']);
  });

  it('answers within 10 days (art. 7 alin. (1)), moved past 1 May and Easter 2027', async () => {
    // registered Wed 2027-04-21: +10 = Sat 05-01 (Labour Day); Sun 05-02 Easter, Mon 05-03 Easter Monday -> Tue 2027-05-04
    const d = await registered('2027-04-21T09:00:00.000Z');
    expect(d.events.find((e) => e.type === 'clock.started')!.data).to.deep.include({ due: '2027-05-04', source: 'Legea 544/2001 art. 7 alin. (1)' });
    expect(d.task('analiza').due).to.equal('2027-05-04T20:59:59.999Z');
    expect(d.task('analiza').candidateGroups).to.deep.equal(['informare-publica']);
    // the "needs more time" option goes away at the first instant of Wed 05-05 in Bucharest
    expect(d.timerAt('termen10Zile')!.dueAt).to.equal('2027-05-04T21:00:00.000Z');
    d.now = '2027-04-28T09:00:00.000Z';
    d.completeTask('analiza', { decizie: 'comunicare', raspuns: 'Contractele sunt anexate.' });
    d.completeTask('trimitereRaspuns', { semnatar: 'Ion Popescu' });
    expect(d.status).to.equal('completed');
    expect(d.completed('raspunsTrimis')).to.equal(true);
    expect(d.state!.clock!.events.at(-1)!.type).to.equal('stopped');
  });

  it('gives at most 30 days from registration when the notice is sent within the 10 days', async () => {
    // registered Fri 2027-04-02: +10 = Mon 04-12 (working day) -> due 2027-04-12.
    // Notice sent Fri 04-09: 30 days from registration = Sun 05-02 (Easter), Mon 05-03 Easter Monday -> Tue 2027-05-04.
    const d = await registered('2027-04-02T09:00:00.000Z');
    expect(clockDue(d)).to.equal('2027-04-12');
    d.now = '2027-04-08T09:00:00.000Z';
    d.completeTask('analiza', { decizie: 'prelungire', motivPrelungire: 'Documentele sunt în arhivă și trebuie căutate.' });
    expect(d.openTaskElements()).to.deep.equal(['trimitereNotificare']);
    expect(d.timerAt('notificareTardiva')!.dueAt).to.equal('2027-04-12T21:00:00.000Z');
    d.now = '2027-04-09T09:00:00.000Z';
    d.completeTask('trimitereNotificare', { semnatar: 'Ion Popescu' });
    const extended = d.events.find((e) => e.type === 'clock.extended')!;
    expect(extended.data).to.deep.include({ due: '2027-05-04', source: 'Legea 544/2001 art. 7 alin. (1)' });
    expect(d.openTaskElements()).to.deep.equal(['solutionare']);
    d.now = '2027-04-29T09:00:00.000Z';
    d.completeTask('solutionare', { decizie: 'comunicare', raspuns: 'Contractele sunt anexate.' });
    d.completeTask('trimitereRaspuns', { semnatar: 'Ion Popescu' });
    expect(d.status).to.equal('completed');
  });

  it('counts the 30 days from registration, not 20 more after a 10-day due date moved past a weekend', async () => {
    // registered Wed 2027-03-03: +10 = Sat 03-13 -> Mon 2027-03-15; 30 days from registration = Fri 2027-04-02
    // (20 days after Mon 03-15 would be Sun 04-04 -> Mon 04-05: three days more than the law gives)
    const d = await registered('2027-03-03T09:00:00.000Z');
    expect(clockDue(d)).to.equal('2027-03-15');
    d.now = '2027-03-12T09:00:00.000Z';
    d.completeTask('analiza', { decizie: 'prelungire', motivPrelungire: 'Documentele sunt în arhivă și trebuie căutate.' });
    d.completeTask('trimitereNotificare', { semnatar: 'Ion Popescu' });
    expect(clockDue(d)).to.equal('2027-04-02');
  });

  it('offers no extension once the 10 days are over: the task moves to a form without it', async () => {
    const d = await registered('2027-04-02T09:00:00.000Z');
    d.fireTimerAt('termen10Zile');
    expect(d.now).to.equal('2027-04-12T21:00:00.000Z');
    expect(d.openTaskElements()).to.deep.equal(['solutionare']);
    expect(d.task('solutionare').formKey).to.equal('solutionare');
    const form = JSON.parse(readFileSync(new URL('forms/solutionare.schema.json', dir), 'utf8')) as { properties: { decizie: { oneOf: Array<{ const: string }> } } };
    expect(form.properties.decizie.oneOf.map((o) => o.const)).to.deep.equal(['comunicare', 'refuz']);
    expect(d.events.some((e) => e.type === 'clock.extended')).to.equal(false);
    expect(clockDue(d)).to.equal('2027-04-12');
  });

  it('does not extend the term when the notice was not sent within the 10 days', async () => {
    const d = await registered('2027-04-02T09:00:00.000Z');
    d.now = '2027-04-09T09:00:00.000Z';
    d.completeTask('analiza', { decizie: 'prelungire', motivPrelungire: 'Documentele sunt în arhivă și trebuie căutate.' });
    d.fireTimerAt('notificareTardiva');
    expect(d.openTaskElements()).to.deep.equal(['solutionare']);
    expect(d.events.some((e) => e.type === 'clock.extended')).to.equal(false);
  });

  it('sends a reasoned refusal within 5 days of registration (art. 7 alin. (2)), then waits 30 days for a complaint with the clock suspended', async () => {
    // registered Mon 2027-04-26: +5 = Sat 05-01 (Labour Day) -> Sun 05-02, Mon 05-03 (Easter) -> Tue 2027-05-04, end of day in Bucharest
    const d = await registered('2027-04-26T09:00:00.000Z');
    d.now = '2027-04-28T09:00:00.000Z';
    d.completeTask('analiza', { decizie: 'refuz', motivareRefuz: 'Informațiile privesc date personale (art. 12 alin. (1) lit. d)).' });
    expect(d.task('trimitereRefuz').due).to.equal('2027-05-04T20:59:59.999Z');
    d.now = '2027-05-04T09:00:00.000Z';
    d.completeTask('trimitereRefuz', { semnatar: 'Ion Popescu' });
    expect(d.events.find((e) => e.type === 'clock.suspended')).to.not.equal(undefined);
    // 30 days from Tue 05-04 = Thu 2027-06-03 (working day): the wait ends when 06-03 is over in Bucharest
    expect(d.timerAt('termenReclamatie')!.dueAt).to.equal('2027-06-03T21:00:00.000Z');
    d.fireTimerAt('termenReclamatie');
    expect(d.status).to.equal('completed');
    expect(d.completed('refuzDefinitiv')).to.equal(true);
  });

  it('answers an administrative complaint within 15 days of its filing (art. 21), moved past 1 June', async () => {
    // complaint filed Mon 2027-05-17: +15 = Tue 06-01 (Children's Day) -> Wed 2027-06-02, end of day in Bucharest
    const d = await registered('2027-04-21T09:00:00.000Z');
    d.now = '2027-04-23T09:00:00.000Z';
    d.completeTask('analiza', { decizie: 'refuz', motivareRefuz: 'Informațiile privesc date personale (art. 12 alin. (1) lit. d)).' });
    d.completeTask('trimitereRefuz', { semnatar: 'Ion Popescu' });
    d.now = '2027-05-17T09:00:00.000Z';
    d.correlate('reclamatie-administrativa', { motivReclamatie: 'Informațiile nu sunt date personale.' });
    expect(d.timerAt('termenReclamatie')).to.equal(undefined);
    expect(d.task('solutionareReclamatie').due).to.equal('2027-06-02T20:59:59.999Z');
    expect(d.task('solutionareReclamatie').candidateGroups).to.deep.equal(['conducere']);
    // the request's own term was met by the refusal: its clock stays suspended while the complaint is answered
    expect(d.state!.clock!.events.at(-1)!.type).to.equal('suspended');
    d.completeTask('solutionareReclamatie', { intemeiata: true, raspunsReclamatie: 'Reclamația este întemeiată; contractele sunt anexate.', semnatar: 'Primarul' });
    expect(d.status).to.equal('completed');
    expect(d.completed('reclamatieSolutionata')).to.equal(true);
  });

  it('keeps the refusal term at 5 days from registration even after an extension: a late refusal is overdue at once', async () => {
    // registered Fri 2027-04-02: +5 = Wed 2027-04-07; the refusal decided on Wed 04-28 is already late
    const d = await registered('2027-04-02T09:00:00.000Z');
    d.now = '2027-04-06T09:00:00.000Z';
    d.completeTask('analiza', { decizie: 'prelungire', motivPrelungire: 'Documentele sunt în arhivă și trebuie căutate.' });
    d.completeTask('trimitereNotificare', { semnatar: 'Ion Popescu' });
    d.now = '2027-04-28T09:00:00.000Z';
    d.completeTask('solutionare', { decizie: 'refuz', motivareRefuz: 'Informațiile sunt clasificate (art. 12 alin. (1) lit. a)).' });
    expect(d.task('trimitereRefuz').due).to.equal('2027-04-07T20:59:59.999Z');
  });
});
