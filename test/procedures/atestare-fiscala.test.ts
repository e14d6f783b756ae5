import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Engine, createEnginePort } from '../../engine/index.ts';
import { renderDocumentHtml } from '../../server/documents/render-document.ts';
import { dosarHandlers } from '../../server/installation-handlers.ts';
import { MovableClock } from '../support/clock.ts';
import { useTestDatabase } from '../support/database.ts';
import { TAX_CSV } from '../support/server.ts';

const dir = new URL('../../procedures/atestare-fiscala/', import.meta.url);
const xml = readFileSync(new URL('atestare-fiscala.bpmn', dir), 'utf8');
const template = readFileSync(new URL('templates/certificat.hbs', dir), 'utf8');

/** The certificate of fiscal attestation (Legea 207/2015 art. 159) on the real engine, against hand-computed dates. */
describe('procedures/atestare-fiscala (Legea 207/2015 art. 159)', () => {
  const t = useTestDatabase();
  let clock: MovableClock;
  let engine: Engine;

  beforeEach(async () => {
    clock = new MovableClock(new Date('2026-12-31T08:00:00.000Z'));
    engine = new Engine({ store: createEnginePort(t.db), clock, handlers: dosarHandlers({ DOSAR_TAX_CSV: TAX_CSV }) });
    await engine.deploy(xml);
  });

  async function filed(at: string, variables: Record<string, unknown>) {
    clock.set(at);
    const { id } = await engine.start('atestare-fiscala', { variables });
    await engine.tick();
    const [task] = await engine.listTasks({ instanceId: id });
    return { id, task: task!, view: await engine.getInstance(id) };
  }

  it('is due 2 working days after a request filed on 31 December, past the new-year holidays (art. 159 alin. (3))', async () => {
    // filed Thu 2026-12-31; Fri 01-01 and Sat 01-02 are holidays, Sun 01-03 a Sunday:
    // working day 1 = Mon 2027-01-04, working day 2 = Tue 2027-01-05, end of day in Bucharest (UTC+2)
    const { view, task } = await filed('2026-12-31T08:00:00.000Z', { tipSolicitant: 'persoana-fizica', nume: 'Maria Ionescu', cnp: '1800101400016' });
    expect(view.clock!.due).to.equal('2027-01-05');
    expect(view.clock!.term).to.include({ source: 'Legea 207/2015 art. 159 alin. (3)' });
    expect(task.elementId).to.equal('semnare');
    expect(task.candidateGroups).to.deep.equal(['taxe']);
    expect(task.due).to.equal('2027-01-05T21:59:59.999Z');
    expect(view.variables.situatieFiscala).to.deep.include({ gasit: true, tip: 'CNP', nume: 'Maria Ionescu', totalRestant: '0.00', faraDatorii: true });
  });

  it('is due 2 working days after a request filed before Orthodox Easter 2027, past Good Friday, 1 May and Easter Monday', async () => {
    // filed Thu 2027-04-29; Fri 04-30 Good Friday, Sat 05-01 Labour Day, Sun 05-02 Easter, Mon 05-03 Easter Monday:
    // working day 1 = Tue 2027-05-04, working day 2 = Wed 2027-05-05, end of day in Bucharest (UTC+3)
    const { view, task } = await filed('2027-04-29T07:00:00.000Z', { tipSolicitant: 'persoana-juridica', nume: 'Exemplu SRL', cui: 'RO18547290' });
    expect(view.clock!.due).to.equal('2027-05-05');
    expect(task.due).to.equal('2027-05-05T20:59:59.999Z');
    expect(view.variables.situatieFiscala).to.deep.include({ gasit: true, tip: 'CUI', cod: '18547290', nume: 'Exemplu SRL' });
  });

  it('lists each category of debt with what remains to pay, and the clerk signs the certificate', async () => {
    const { id, task, view } = await filed('2027-03-01T08:00:00.000Z', { tipSolicitant: 'persoana-fizica', nume: 'Elena Popa', cnp: '2850612123451' });
    expect(view.variables.situatieFiscala).to.deep.include({ totalRestant: '450.10', faraDatorii: false });
    expect((view.variables.situatieFiscala as { categorii: unknown[] }).categorii).to.deep.equal([
      { categorie: 'Impozit pe clădiri', datorat: '300.00', achitat: '100.00', restant: '200.00', achitatIntegral: false },
      { categorie: 'Impozit pe mijloace de transport', datorat: '250.10', achitat: '0.00', restant: '250.10', achitatIntegral: false },
    ]);
    await engine.completeTask(task.id, { semnatar: 'Ana Taxe' });
    const done = await engine.getInstance(id);
    expect(done.status).to.equal('completed');
    expect(done.clock!.events.at(-1)!.type).to.equal('stopped');
  });

  it('sends a CNP the tax records do not know to the clerk with the handler’s refusal, not a certificate', async () => {
    const { view, task } = await filed('2027-03-01T08:00:00.000Z', { tipSolicitant: 'persoana-fizica', nume: 'Ion Necunoscut', cnp: '1901230400029' });
    expect(task.elementId).to.equal('semnare');
    expect(view.variables.situatieFiscala).to.deep.equal({ gasit: false, motiv: 'CNP-ul 1901230400029 nu figurează în evidența fiscală locală.' });
    const html = renderDocumentHtml(template, { request: {}, variables: { ...view.variables, semnatar: 'Ana Taxe' }, incomingNumber: '7/01.03.2027', registrationNumber: 'X', date: '2027-03-02' }, { title: 'T', lang: 'ro', institution: 'P' });
    expect(html).to.contain('nu figurează în evidența creanțelor fiscale').and.not.to.contain('CERTIFICAT DE ATESTARE FISCALĂ');
  });

  it('prints the validity: 30 days from the issue date (art. 159 alin. (3))', async () => {
    const { view } = await filed('2026-12-31T08:00:00.000Z', { tipSolicitant: 'persoana-fizica', nume: 'Maria Ionescu', cnp: '1800101400016' });
    const render = (date: string) => renderDocumentHtml(template, { request: {}, variables: { ...view.variables, semnatar: 'Ana Taxe' }, incomingNumber: '1/31.12.2026', registrationNumber: 'X', date }, { title: 'T', lang: 'ro', institution: 'P' });
    // issued Tue 2027-01-05: + 30 days = Thu 2027-02-04 (26 days left of January, 4 of February)
    expect(render('2027-01-05')).to.contain('<strong class="valid-until">04.02.2027</strong>');
    // issued Thu 2026-12-31: + 30 days = Sat 2027-01-30 (a validity is not a term to act, so it does not move off a weekend)
    expect(render('2026-12-31')).to.contain('<strong class="valid-until">30.01.2027</strong>').and.to.contain('Impozit pe teren');
  });
});
