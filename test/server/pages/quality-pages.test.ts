import { expect } from 'chai';
import { rollUpQuality } from '../../../server/quality/rollup.ts';
import { useTestDatabase } from '../../support/database.ts';
import { decide, deployQualityProcedure, receive } from '../../support/quality-fixture.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

describe('the quality dashboard (/calitate)', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s: TestServer;
  const PERIOD = 'de=2026-11-01&pana=2026-12-20';

  beforeEach(async () => {
    s = await startTestServer(t.db);
    await deployQualityProcedure(s);
    await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
    const a = await receive(s, '2026-11-27T08:00:00Z');
    await receive(s, '2026-12-02T08:00:00Z');
    await decide(s, a.instanceId, '2026-12-03T12:00:00Z', false);
    s.clock.set('2026-12-21T08:00:00Z');
    await rollUpQuality(s.ctx);
    // Another department's figures, which a head of urbanism must not see.
    await t.db.query("insert into quality_daily (day, procedure_key, department, received) values ('2026-12-01', 'atestare-fiscala', 'taxe', 7)");
  });
  afterEach(async () => { await s.close(); });

  async function as(email: string, role: 'admin' | 'sef' | 'clerk' | 'citizen' | 'analyst', departments: string[] = []) {
    const user = await s.user(email, role, departments);
    return signInSession(s, user.email, user.password);
  }

  describe('when an admin opens it', () => {
    it('shows every department\'s procedures, with no per-clerk workload', async () => {
      const admin = await as('admin@primarie.ro', 'admin');
      const res = await admin.page(`/calitate?${PERIOD}`);
      expect(res.status).to.equal(200);
      const html = await res.text();
      expect(html).to.contain('Cerere de test').and.to.contain('Certificat de atestare fiscală').and.to.contain('Calitatea serviciilor');
      expect(html).not.to.contain('Volumul de lucru pe funcționar');
      expect(html).to.contain('/static/uplot/uPlot.iife.min.js');
    });

    it('answers in English with ?lang=en', async () => {
      const admin = await as('admin@primarie.ro', 'admin');
      const html = await (await admin.page(`/calitate?${PERIOD}&lang=en`)).text();
      expect(html).to.contain('Quality of services').and.to.contain('Within legal term (%)');
    });
  });

  describe('when a head of department opens it', () => {
    it('shows only the departments they head, and their clerks\' workload', async () => {
      const head = await as('sef@primarie.ro', 'sef', ['urbanism']);
      const html = await (await head.page(`/calitate?${PERIOD}`)).text();
      expect(html).to.contain('Cerere de test').and.to.contain('Volumul de lucru pe funcționar').and.to.contain('ana');
      expect(html).not.to.contain('Certificat de atestare fiscală');
    });

    it('exports the same rows it shows, as CSV and as XLSX', async () => {
      const head = await as('sef@primarie.ro', 'sef', ['urbanism']);
      const csv = await head.page(`/calitate/export/proceduri?${PERIOD}&format=csv`);
      expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
      const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).to.match(/^Procedură,Compartiment,Primite,Soluționate,Deschise acum/);
      expect(lines.slice(1)).to.have.length(1);
      expect(lines[1]).to.match(/^Cerere de test,Urbanism,2,1,1,/);
      const xlsx = await head.page(`/calitate/export/proceduri?${PERIOD}&format=xlsx`);
      expect(xlsx.headers.get('content-type')).to.contain('spreadsheetml');
      expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).to.equal('PK');
    });

    it('does not show a department they do not head', async () => {
      const head = await as('sef-taxe@primarie.ro', 'sef', ['taxe']);
      const html = await (await head.page(`/calitate?${PERIOD}`)).text();
      expect(html).to.contain('Certificat de atestare fiscală');
      expect(html).not.to.contain('Cerere de test');
      expect(html).not.to.contain('ana@primarie.ro');
    });
  });

  describe('when anyone else opens it', () => {
    for (const role of ['clerk', 'citizen', 'analyst'] as const) {
      it(`refuses a ${role}`, async () => {
        const session = await as(`${role}-x@primarie.ro`, role, role === 'clerk' ? ['urbanism'] : []);
        expect((await session.page(`/calitate?${PERIOD}`)).status).to.equal(403);
        expect((await session.page(`/calitate/export/proceduri?${PERIOD}`)).status).to.equal(403);
      });
    }
  });

  describe('when the period is wrong', () => {
    it('says so instead of counting', async () => {
      const admin = await as('admin@primarie.ro', 'admin');
      expect((await admin.page('/calitate?de=2026-12-20&pana=2026-11-01')).status).to.equal(400);
    });
  });
});
