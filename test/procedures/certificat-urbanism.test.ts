import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Engine, builtInHandlers, createEnginePort, evaluateFeel } from '../../engine/index.ts';
import { renderDocumentHtml } from '../../server/documents/render-document.ts';
import { MovableClock } from '../support/clock.ts';
import { useTestDatabase } from '../support/database.ts';

const dir = new URL('../../procedures/certificat-urbanism/', import.meta.url);
const xml = readFileSync(new URL('certificat-urbanism.bpmn', dir), 'utf8');
const feeTable = readFileSync(new URL('taxa-certificat-urbanism.dmn', dir), 'utf8');
const template = readFileSync(new URL('templates/certificat.hbs', dir), 'utf8');

const request = (suprafata: number) => ({
  tipSolicitant: 'persoana-fizica', nume: 'Maria Ionescu', cnp: '1800101400016', email: 'maria@exemplu.ro', scop: 'construire',
  teren: { adresa: 'Str. Lungă nr. 7, Brașov', numarCadastral: '123456', suprafata },
});

/**
 * The urban planning certificate (Legea 50/1991, modificată prin Legea 193/2019) on the real engine, against
 * hand-computed dates. The payment step's handler needs the server (its orders live there), so here a stand-in
 * records the amount the model asks for and the test delivers the `plata` message as the server would.
 */
describe('procedures/certificat-urbanism (Legea 50/1991)', () => {
  const t = useTestDatabase();
  let clock: MovableClock;
  let engine: Engine;
  let ordered: unknown[];
  let refunds: string[];

  beforeEach(async () => {
    ordered = [];
    refunds = [];
    clock = new MovableClock(new Date('2027-04-01T08:00:00.000Z'));
    const handlers = builtInHandlers().register({
      name: 'plata', description: 'stand-in for the server payment step', optionsSchema: { type: 'object' },
      run: ({ options, variables, now }) => { ordered.push(evaluateFeel(String(options.suma), variables, now.toISOString())); return { plata: { rezultat: 'pending', referinta: 'CU-1' } }; },
    }).register({
      name: 'rambursare-plata', description: 'stand-in for the server refund step', optionsSchema: { type: 'object' },
      run: ({ job }) => { refunds.push(job.elementId); return { plata: { rezultat: 'refunded', referinta: 'CU-1' } }; },
    });
    engine = new Engine({ store: createEnginePort(t.db), clock, handlers });
    await engine.deployMany([xml], { decisions: [feeTable] });
  });

  async function filed(at: string, variables: Record<string, unknown>) {
    clock.set(at);
    const { id } = await engine.start('certificat-urbanism', { variables });
    await engine.tick();
    return id;
  }
  const pay = (id: string, rezultat = 'paid') => engine.correlate('plata', { instanceId: id }, { plata: { rezultat, referinta: 'CU-1' } });
  const openTasks = async (id: string) => (await engine.listTasks({ instanceId: id })).map((x) => x.elementId);

  async function complete(id: string, elementId: string, variables: Record<string, unknown>) {
    const task = (await engine.listTasks({ instanceId: id })).find((x) => x.elementId === elementId);
    expect(task, `open task ${elementId}`).to.not.equal(undefined);
    await engine.completeTask(task!.id, variables);
    await engine.tick();
    return task!;
  }
  const analysis = { regimJuridic: 'Intravilan, proprietate privată.', regimEconomic: 'Zonă rezidențială (PUG 2020).', regimTehnic: 'POT 35%, CUT 1,2, P+2E.' };

  it('is due 15 working days after registration, across Good Friday, 1 May and Orthodox Easter 2027, and asks the fee the table gives', async () => {
    // registered Mon 2027-04-26: working days Tue 04-27 (1), Wed (2), Thu 04-29 (3); Fri 04-30 Good Friday,
    // Sat 05-01 Labour Day, Sun 05-02 Easter, Mon 05-03 Easter Monday; Tue 05-04 (4) ... Fri 05-07 (7),
    // 05-10..05-14 (8-12), Mon 05-17 (13), Tue (14), Wed 2027-05-19 (15)
    const id = await filed('2027-04-26T07:00:00.000Z', request(1200));
    const view = await engine.getInstance(id);
    expect(view.clock).to.deep.include({ state: 'running', due: '2027-05-19' });
    expect(view.clock!.term).to.include({ amount: 15, unit: 'working-days', source: 'Legea 50/1991, modificată prin Legea 193/2019' });
    // 1200 m²: 14 lei + 0,01 lei × 200 m² = 16 lei (art. 474 alin. (1) lit. f)) = 1600 bani
    expect(view.variables.taxaLei).to.equal(16);
    expect(ordered).to.deep.equal([1600]);
    expect(view.active).to.deep.equal(['asteptarePlata']);
  });

  it('prices each area band of the table (art. 474 alin. (1) lit. a)-f))', async () => {
    for (const area of [100, 150.5, 300, 600, 900, 2000]) await filed('2027-04-26T07:00:00.000Z', request(area));
    expect(ordered).to.deep.equal([600, 700, 900, 1200, 1400, 2400]);
  });

  it('ends as cancelled when the fee is not paid', async () => {
    const id = await filed('2027-04-26T07:00:00.000Z', request(300));
    await pay(id, 'expired');
    const view = await engine.getInstance(id);
    expect(view.status).to.equal('completed');
    expect(view.events.some((e) => e.elementId === 'anulata')).to.equal(true);
    expect(await openTasks(id)).to.deep.equal([]);
  });

  it('once paid, urbanism analyses, the registry issues it, and 30 days before it expires the registry is told to notify the holder', async () => {
    const id = await filed('2027-04-26T07:00:00.000Z', request(1200));
    await pay(id);
    const [analiza] = await engine.listTasks({ instanceId: id });
    expect(analiza).to.include({ elementId: 'analiza' });
    expect(analiza!.candidateGroups).to.deep.equal(['urbanism']);
    clock.set('2027-05-06T09:00:00.000Z');
    await complete(id, 'analiza', analysis);
    expect((await engine.listTasks({ instanceId: id }))[0]!.candidateGroups).to.deep.equal(['registratura']);
    clock.set('2027-05-10T09:00:00.000Z');
    await complete(id, 'eliberare', { valabilitateLuni: 12, semnatar: 'Ion Arhitect' });
    // issued: the legal clock no longer runs while the certificate is valid
    const issued = await engine.getInstance(id);
    expect(issued.clock!.state).to.equal('suspended');
    expect(issued.active).to.deep.equal(['asteptareExpirare']);
    // issued 2027-05-10, valid 12 months: until 2028-05-10; reminder 30 days before = 2028-04-10 (2028 is a leap year),
    // at midnight in Bucharest (21:00 UTC the day before, in summer time)
    clock.set('2028-04-09T20:59:00.000Z');
    await engine.tick();
    expect(await openTasks(id)).to.deep.equal([]);
    clock.set('2028-04-09T21:00:00.000Z');
    await engine.tick();
    expect(await openTasks(id)).to.deep.equal(['notificareExpirare']);
    await complete(id, 'notificareExpirare', {});
    expect((await engine.getInstance(id)).status).to.equal('completed');
  });

  it('refunds the fee and ends as rejected when the analysis rejects the request', async () => {
    const id = await filed('2027-04-26T07:00:00.000Z', request(1200));
    await pay(id);
    await complete(id, 'analiza', { ...analysis, respinge: true, motivRespingere: 'Lipsește planul de situație.' });
    const view = await engine.getInstance(id);
    expect(refunds).to.deep.equal(['rambursareRespinsa']);
    expect(view.status).to.equal('completed');
    expect(view.variables.plata).to.deep.include({ rezultat: 'refunded' });
    expect(view.events.some((e) => e.elementId === 'respinsa')).to.equal(true);
    expect(view.events.some((e) => e.elementId === 'eliberare')).to.equal(false);
  });

  it('refunds the fee and ends as withdrawn when the applicant withdraws during the analysis', async () => {
    const id = await filed('2027-04-26T07:00:00.000Z', request(1200));
    await pay(id);
    expect(await openTasks(id)).to.deep.equal(['analiza']);
    await engine.correlate('retragere', { instanceId: id }, {});
    await engine.tick();
    const view = await engine.getInstance(id);
    expect(refunds).to.deep.equal(['rambursareRetrasa']);
    expect(view.status).to.equal('completed');
    expect(view.events.some((e) => e.elementId === 'retrasa')).to.equal(true);
    expect(await openTasks(id)).to.deep.equal([]);
  });

  it('counts across Christmas, the new-year holidays and Epiphany (6-7 January)', async () => {
    // registered Mon 2026-12-21: 12-22 (1), 12-23 (2), 12-24 (3); Fri 12-25 Christmas; 12-28..12-31 (4-7);
    // 01-01, 01-02 New Year; Mon 01-04 (8), Tue 01-05 (9); Wed 01-06 Epiphany, Thu 01-07 St John;
    // Fri 01-08 (10), 01-11..01-15 (11-15): due Fri 2027-01-15
    const id = await filed('2026-12-21T07:00:00.000Z', request(500));
    expect((await engine.getInstance(id)).clock!.due).to.equal('2027-01-15');
  });

  it('starts the clock at registration with no data at all, and waits for the payment', async () => {
    const id = await filed('2027-04-26T07:00:00.000Z', {});
    const view = await engine.getInstance(id);
    expect(view.clock).to.deep.include({ state: 'running', due: '2027-05-19' });
    expect(view.variables.taxaLei).to.equal(null);
    expect(view.active).to.deep.equal(['asteptarePlata']);
  });

  it('the validity the clerk sets moves the reminder: 6 months from 2027-05-10 is 2027-11-10, reminder 2027-10-11', async () => {
    const id = await filed('2027-04-26T07:00:00.000Z', request(1200));
    await pay(id);
    await complete(id, 'analiza', analysis);
    clock.set('2027-05-10T09:00:00.000Z');
    await complete(id, 'eliberare', { valabilitateLuni: 6, semnatar: 'Ion Arhitect' });
    clock.set('2027-10-10T20:59:00.000Z');
    await engine.tick();
    expect(await openTasks(id)).to.deep.equal([]);
    clock.set('2027-10-10T21:00:00.000Z'); // midnight of 2027-10-11 in Bucharest
    await engine.tick();
    expect(await openTasks(id)).to.deep.equal(['notificareExpirare']);
  });
});

/** The certificate the registry issues. */
describe('procedures/certificat-urbanism certificate template', () => {
  const options = { title: 'Certificat de urbanism', lang: 'ro' as const, institution: 'Primăria Municipiului Exemplu', registrationNumber: '9/10.05.2027' };
  const render = (req: Record<string, unknown>) => renderDocumentHtml(template, {
    request: req,
    variables: { regimJuridic: 'Intravilan.', regimEconomic: 'Zonă rezidențială.', regimTehnic: 'POT 35%.', taxaLei: 16, plata: { referinta: 'CU-1' }, valabilitateLuni: 12, semnatar: 'Ion Arhitect' },
    incomingNumber: '3/26.04.2027', registrationNumber: '9/10.05.2027', date: '2027-05-10',
  }, options);

  it('names the holder, the plot, the three regimes, the fee paid and the validity', () => {
    const html = render(request(1200));
    expect(html).to.contain('CERTIFICAT DE URBANISM').and.to.contain('Maria Ionescu').and.to.contain('123456').and.to.contain('1200 m²');
    expect(html).to.contain('POT 35%.').and.to.contain('16 lei').and.to.contain('12 luni').and.to.contain('3/26.04.2027');
  });

  it('names the plots merged with the first one, only when there are any', () => {
    const base = request(1200) as { teren: Record<string, unknown> };
    const html = render({ ...base, teren: { ...base.teren, alteNumereCadastrale: ['223344', '556677'] } });
    expect(html).to.contain('(cu <strong>223344</strong>, <strong>556677</strong>)');
    expect(render(request(1200))).not.to.contain('(cu ');
  });

  it('names a company by its name and CUI', () => {
    const html = render({ ...request(300), tipSolicitant: 'persoana-juridica', nume: undefined, cnp: undefined, denumire: 'Exemplu Construct SRL', cui: '14399840' });
    expect(html).to.contain('Exemplu Construct SRL, CUI 14399840').and.not.to.contain('Maria Ionescu');
  });
});
