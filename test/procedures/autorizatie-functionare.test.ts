import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { renderDocumentHtml } from '../../server/documents/render-document.ts';
import { CoreDriver } from '../support/core-driver.ts';

const xml = readFileSync(new URL('../../procedures/autorizatie-functionare/autorizatie-functionare.bpmn', import.meta.url), 'utf8');

/** The operating authorisation under tacit approval (OUG 27/2003), checked against hand-computed dates. */
describe('procedures/autorizatie-functionare (OUG 27/2003)', () => {
  async function registered(at: string): Promise<CoreDriver> {
    const d = await CoreDriver.fromXml(xml);
    d.now = at;
    return d.start({ firma: { denumire: 'Exemplu Comerț SRL', cui: '14399840' } });
  }

  /** The due date of the latest clock event that set one. */
  function due(d: CoreDriver): string | undefined {
    const last = [...d.events].reverse().find((e) => e.type === 'clock.started' || e.type === 'clock.extended');
    return (last?.data as { due?: string } | undefined)?.due;
  }

  it('is due 30 calendar days after registration (art. 6 alin. (2)) and issues the authorisation', async () => {
    // registered Mon 2026-03-02: +30 calendar days = Wed 2026-04-01, a working day
    const d = await registered('2026-03-02T09:00:00.000Z');
    expect(d.events.find((e) => e.type === 'clock.started')!.data).to.deep.include({ due: '2026-04-01' });
    expect(d.task('verificare').candidateGroups).to.deep.equal(['autorizari']);
    d.completeTask('verificare', { complet: true });
    expect(d.completed('dosarIncomplet')).to.equal(false);
    d.completeTask('analiza', { aprobat: true });
    expect(d.task('eliberare').candidateGroups).to.deep.equal(['registratura']);
    d.completeTask('eliberare', { semnatar: 'Ana Registratură' });
    expect(d.status).to.equal('completed');
    expect(d.variables.tacitApproval).to.equal(undefined);
    expect(d.state!.clock!.events.at(-1)!.type).to.equal('stopped');
  });

  it('offers the incomplete-file notice until 10 days before the term ends (art. 6 alin. (4))', async () => {
    // due Wed 2026-04-01; the notice is possible through Sun 03-22 (10 days before); the check task
    // closes at the first minute of Mon 2026-03-23 in Bucharest (EET, UTC+2)
    const d = await registered('2026-03-02T09:00:00.000Z');
    expect(d.timerAt('termenNotificare')!.dueAt).to.equal('2026-03-22T22:00:00.000Z');
    d.fireTimerAt('termenNotificare');
    expect(d.openTaskElements()).to.deep.equal(['analiza']);
    expect(d.completed('dosarIncomplet')).to.equal(false);
    expect(due(d)).to.equal('2026-04-01');
  });

  it('extends the term by 10 days when the file is incomplete (art. 6 alin. (4), (5)), past Easter 2026', async () => {
    // due Wed 2026-04-01 + 10 days = Sat 04-11; Sun 04-12 and Mon 04-13 are Orthodox Easter -> Tue 2026-04-14
    const d = await registered('2026-03-02T09:00:00.000Z');
    d.now = '2026-03-20T09:00:00.000Z';
    d.completeTask('verificare', { complet: false, acteLipsa: 'Contractul de închiriere al spațiului' });
    expect(d.events.find((e) => e.type === 'clock.extended')!.data).to.deep.include({ due: '2026-04-14', source: 'OUG 27/2003 art. 6 alin. (5)' });
    // tacit approval moves with it: at the end of Tue 2026-04-14 in Bucharest (EEST, UTC+3)
    expect(d.timerAt('aprobareTacita')!.dueAt).to.equal('2026-04-14T21:00:00.000Z');
    d.now = '2026-04-10T09:00:00.000Z';
    d.completeTask('analiza', { aprobat: false, motivare: 'Spațiul nu are destinație comercială.' });
    d.completeTask('eliberare', { semnatar: 'Ana Registratură' });
    expect(d.status).to.equal('completed');
  });

  it('records tacit approval when the term expires with no decision (art. 6 alin. (1), art. 7)', async () => {
    // due Wed 2026-04-01: the approval fires at the end of that day in Bucharest (EEST, UTC+3)
    const d = await registered('2026-03-02T09:00:00.000Z');
    d.completeTask('verificare', { complet: true });
    expect(d.timerAt('aprobareTacita')!.dueAt).to.equal('2026-04-01T21:00:00.000Z');
    d.fireTimerAt('aprobareTacita');
    expect(d.events.find((e) => e.type === 'clock.tacit-approval')!.data).to.deep.include({ due: '2026-04-01' });
    expect(d.variables.tacitApproval).to.equal(true);
    expect(d.openTaskElements()).to.deep.equal(['eliberare']);
    d.completeTask('eliberare', { semnatar: 'Ana Registratură' });
    expect(d.status).to.equal('completed');
  });

  it('counts across the new-year holidays and extends from the moved due date', async () => {
    // registered Wed 2026-12-02: +30 = Fri 2027-01-01; 1-2 Jan holidays, Sun 01-03 -> Mon 2027-01-04
    const d = await registered('2026-12-02T09:00:00.000Z');
    expect(d.events.find((e) => e.type === 'clock.started')!.data).to.deep.include({ due: '2027-01-04' });
    // notice possible through Fri 2026-12-25 (10 days before 01-04); closes at 00:00 Sat 12-26 (EET)
    expect(d.timerAt('termenNotificare')!.dueAt).to.equal('2026-12-25T22:00:00.000Z');
    d.now = '2026-12-21T09:00:00.000Z';
    d.completeTask('verificare', { complet: false, acteLipsa: 'Certificatul de înregistrare ONRC' });
    // Mon 2027-01-04 + 10 days = Thu 2027-01-14, a working day
    expect(due(d)).to.equal('2027-01-14');
    expect(d.timerAt('aprobareTacita')!.dueAt).to.equal('2027-01-14T22:00:00.000Z');
    d.fireTimerAt('aprobareTacita');
    expect(d.variables.tacitApproval).to.equal(true);
  });
});

/** The act the registry issues: the authorisation, the refusal or the tacit approval certificate. */
describe('procedures/autorizatie-functionare act template', () => {
  const template = readFileSync(new URL('../../procedures/autorizatie-functionare/templates/act.hbs', import.meta.url), 'utf8');
  const request = {
    firma: { denumire: 'Exemplu Comerț SRL', cui: '14399840', reprezentant: 'Maria Ionescu' },
    email: 'maria@exemplu.ro',
    activitate: { caen: '4711', descriere: 'Magazin alimentar' },
    sediu: { strada: 'Str. Lungă nr. 7', localitate: 'Brașov' },
  };
  const options = { title: 'Act', lang: 'ro' as const, institution: 'Primăria Municipiului Exemplu', registrationNumber: '7/02.04.2026' };
  const render = (variables: Record<string, unknown>) =>
    renderDocumentHtml(template, { request, variables: { semnatar: 'Ana Registratură', ...variables }, incomingNumber: '1/02.03.2026', registrationNumber: '7/02.04.2026', date: '2026-04-02' }, options);

  it('issues the authorisation with its conditions', () => {
    const html = render({ complet: true, aprobat: true, conditii: 'Program 08-22.' });
    expect(html).to.contain('Autorizație de funcționare').and.to.contain('Program 08-22.').and.to.contain('4711');
    expect(html).not.to.contain('aprobare tacită');
  });

  it('states the days the premises are open, with the hours the firm gave, only when it gave days', () => {
    const withDays = { ...request, activitate: { ...request.activitate, zile: ['luni', 'marți', 'sâmbătă'], program: '08-22' } };
    const html = renderDocumentHtml(template, { request: withDays, variables: { semnatar: 'Ana Registratură', complet: true, aprobat: true }, incomingNumber: '1/02.03.2026', registrationNumber: '7/02.04.2026', date: '2026-04-02' }, options);
    expect(html).to.contain('Zilele în care spațiul este deschis: luni, marți, sâmbătă; programul: 08-22.');
    expect(render({ complet: true, aprobat: true })).not.to.contain('Zilele în care');
  });

  it('issues a reasoned refusal', () => {
    const html = render({ complet: true, aprobat: false, motivare: 'Spațiul nu are destinație comercială.' });
    expect(html).to.contain('Refuzul autorizației').and.to.contain('Spațiul nu are destinație comercială.');
  });

  it('issues the tacit approval certificate (art. 7) when no decision was made', () => {
    const html = render({ complet: true, tacitApproval: true });
    expect(html).to.contain('Certificat de aprobare tacită').and.to.contain('art. 7').and.to.contain('1/02.03.2026');
  });
});
