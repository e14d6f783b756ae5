import { expect } from 'chai';
import { report544 } from '../../../server/quality/open-data.ts';
import { rollUpQuality } from '../../../server/quality/rollup.ts';
import { useTestDatabase } from '../../support/database.ts';
import { deployQualityProcedure, handCountedHistory } from '../../support/quality-fixture.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/**
 * The hand-counted fixture of rollup.test.ts, read a month at a time (on 5 Jan 2027 both
 * months are complete):
 *   November 2026: A, B (27 Nov) and C (30 Nov) received, none resolved yet
 *   December 2026: D received; B (2 working days), A (6) and C (13) resolved, all in term: median 6
 */
describe('the open data', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => {
    s = await startTestServer(t.db);
    await deployQualityProcedure(s);
  });
  afterEach(async () => { await s.close(); });

  async function history(today = '2027-01-05T08:00:00Z') {
    await handCountedHistory(s, today);
    await rollUpQuality(s.ctx);
  }

  const get = (path: string) => fetch(`${s.base}${path}`);

  /** Public information requests of 2025, as the roll-up would have written them. */
  async function publicInformation2025() {
    await t.db.query(
      `insert into quality_daily (day, procedure_key, department, received, closed, resolved, resolved_in_term, refused, extensions, complaints, duration_hist) values
       ('2025-03-03', 'informatii-publice', 'relatii-publice', 4, 0, 0, 0, 0, 0, 0, '{}'),
       ('2025-03-12', 'informatii-publice', 'relatii-publice', 1, 3, 3, 2, 1, 1, 1, '{0,0,0,0,0,1,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,1}'),
       ('2026-01-05', 'informatii-publice', 'relatii-publice', 2, 0, 0, 0, 0, 0, 0, '{}')`);
  }

  describe('the monthly figures', () => {
    it('publishes only complete months, per procedure, as counted by hand', async () => {
      await history();
      const res = await get('/date-deschise/cereri-lunare.json');
      expect(res.status).to.equal(200);
      const body = await res.json() as { institutie: string; randuri: unknown[] };
      expect(body.institutie).to.equal('Primăria Municipiului Exemplu');
      expect(body.randuri).to.deep.equal([
        { luna: '2026-11', procedura: 'calitate-test', denumire: 'Cerere de test', primite: 3, solutionate: 0, solutionate_in_termen: 0, pondere_in_termen: null, mediana_zile_lucratoare: null },
        { luna: '2026-12', procedura: 'calitate-test', denumire: 'Cerere de test', primite: 1, solutionate: 3, solutionate_in_termen: 3, pondere_in_termen: 1, mediana_zile_lucratoare: 6 },
      ]);
    });

    it('leaves the current month out until it has ended', async () => {
      await history('2026-12-21T08:00:00Z');
      const body = await (await get('/date-deschise/cereri-lunare.json')).json() as { randuri: Array<{ luna: string }> };
      expect(body.randuri.map((r) => r.luna)).to.deep.equal(['2026-11']);
    });

    it('gives the same rows as CSV with a header', async () => {
      await history();
      const res = await get('/date-deschise/cereri-lunare.csv');
      expect(res.headers.get('content-type')).to.match(/^text\/csv/);
      const lines = (await res.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines[0]).to.equal('luna,procedura,denumire,primite,solutionate,solutionate_in_termen,pondere_in_termen,mediana_zile_lucratoare');
      expect(lines).to.include('2026-12,calitate-test,Cerere de test,1,3,3,1,6');
      expect(lines).to.include('2026-11,calitate-test,Cerere de test,3,0,0,,');
    });
  });

  describe('the DCAT-AP catalogue', () => {
    it('names both distributions with absolute download URLs, the publisher, the licence and the period', async () => {
      await history();
      const res = await get('/date-deschise/catalog.jsonld');
      expect(res.headers.get('content-type')).to.match(/^application\/ld\+json/);
      const doc = JSON.parse(await res.text()) as any;
      expect(doc['@type']).to.equal('dcat:Catalog');
      const dataset = doc['dcat:dataset'][0];
      expect(dataset['@type']).to.equal('dcat:Dataset');
      expect(dataset['dct:title'].map((l: any) => l['@language'])).to.deep.equal(['ro', 'en']);
      expect(dataset['dct:publisher']['foaf:name']).to.equal('Primăria Municipiului Exemplu');
      expect(dataset['dct:license']['@id']).to.equal('http://publications.europa.eu/resource/authority/licence/CC_BY_4_0');
      expect(dataset['dcat:distribution'].map((d: any) => d['dcat:downloadURL']['@id'])).to.deep.equal([
        'http://dosar.test/date-deschise/cereri-lunare.csv', 'http://dosar.test/date-deschise/cereri-lunare.json',
      ]);
      expect(dataset['dct:temporal']['dcat:startDate']['@value']).to.equal('2026-11-01');
      expect(dataset['dct:temporal']['dcat:endDate']['@value']).to.equal('2026-12-31');
      expect(dataset['dct:modified']['@value']).to.equal('2027-01-01');
    });
  });

  describe('the Legea 544/2001 report', () => {
    it('counts the year\'s public information requests: received, answered in term, refused, complaints', async () => {
      await publicInformation2025();
      const report = await report544(t.db, 2025, new Date('2026-03-02T08:00:00Z'));
      expect(report).to.deep.include({ year: 2025, from: '2025-01-01', to: '2025-12-31', complete: true });
      expect(report!.figures).to.deep.equal({ received: 5, answered: 3, answeredInTerm: 2, refused: 1, complaints: 1, extended: 1 });
      const res = await get('/date-deschise/raport-544/2025.json');
      expect(res.status).to.equal(200);
      expect(((await res.json()) as { figures: unknown }).figures).to.deep.equal(report!.figures);
    });

    it('shows the figures on a page and says which ones the data cannot give', async () => {
      await publicInformation2025();
      const html = await (await get('/date-deschise/raport-544/2025')).text();
      expect(html).to.contain('Cereri primite').and.contain('<td>5</td>').and.contain('<td>2 (66.7%)</td>');
      expect(html).to.contain('Ce nu se poate calcula din date').and.contain('motivele respingerilor');
    });

    it('covers the current year only up to the last complete month', async () => {
      await publicInformation2025();
      const report = await report544(t.db, 2026, new Date('2026-03-02T08:00:00Z'));
      expect(report).to.deep.include({ from: '2026-01-01', to: '2026-02-28', complete: false });
      expect(report!.figures!.received).to.equal(2);
    });

    it('says a year without data has none, rather than zeros', async () => {
      const res = await get('/date-deschise/raport-544/2024.json');
      expect(res.status).to.equal(200);
      expect(((await res.json()) as { figures: unknown }).figures).to.equal(null);
      const html = await (await get('/date-deschise/raport-544/2024')).text();
      expect(html).to.contain('Nu există cifre pentru acest an');
    });

    it('refuses a year that is not one, and one not begun', async () => {
      const bad = await get('/date-deschise/raport-544/anul-trecut.json');
      expect(bad.status).to.equal(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message).to.contain('patru cifre');
      expect((await get('/date-deschise/raport-544/20x5')).status).to.equal(400);
      const future = await get('/date-deschise/raport-544/2031.json?lang=en');
      expect(future.status).to.equal(404);
      expect(((await future.json()) as { error: { message: string } }).error.message).to.contain('no report for 2031');
      expect((await get('/date-deschise/raport-544/2031')).status).to.equal(404);
    });
  });

  it('lists the datasets on a public page', async () => {
    const html = await (await get('/date-deschise?lang=en')).text();
    expect(html).to.contain('/date-deschise/cereri-lunare.csv').and.contain('/date-deschise/catalog.jsonld').and.contain('/date-deschise/raport-544/2025');
  });
});
