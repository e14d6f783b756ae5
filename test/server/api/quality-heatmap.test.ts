import { expect } from 'chai';
import type { Heatmap } from '../../../server/quality/heatmap.ts';
import { rollUpQuality } from '../../../server/quality/rollup.ts';
import { useTestDatabase } from '../../support/database.ts';
import { deployQualityProcedure, handCountedHistory } from '../../support/quality-fixture.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

/**
 * Hand-counted from the quality fixture (test/support/quality-fixture.ts), three requests ended:
 *   A  in "solutionare" from 27 Nov 08:00 to 9 Dec 12:00 UTC:  12 d 4 h = 1,051,200 s, approved (f3)
 *   B  from 27 Nov 09:00 to 3 Dec 12:00:                        6 d 3 h =   529,200 s, refused (f4)
 *   C  from 30 Nov 07:00 to 18 Dec 14:00:                      18 d 7 h = 1,580,400 s, approved (f3)
 *   D  received 2 Dec, waiting in "solutionare" now.
 * Average 1,053,600 s; the 90th percentile is C's, read from its bucket [2^20.5, 2^21) s as 2^20.75.
 */
describe('GET /api/v1/quality/heatmap/{key}', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s: TestServer;
  const PERIOD = 'from=2026-11-01&to=2026-12-20';

  beforeEach(async () => {
    s = await startTestServer(t.db);
    await deployQualityProcedure(s);
    await handCountedHistory(s, '2026-12-21T08:00:00Z');
    await rollUpQuality(s.ctx);
  });
  afterEach(async () => { await s.close(); });

  const element = (map: Heatmap, id: string) => map.elements.find((e) => e.id === id)!;
  const flow = (map: Heatmap, id: string) => map.flows.find((f) => f.id === id)!;

  describe('for an admin', () => {
    it('gives per element who waits now, passes, and the average and 90th-percentile time', async () => {
      const admin = await s.user('admin@primarie.ro', 'admin');
      const res = await s.api(`/api/v1/quality/heatmap/calitate-test?${PERIOD}`, { token: admin.token });
      expect(res.status).to.equal(200);
      const map = res.body as Heatmap;
      expect(map).to.include({ key: 'calitate-test', version: 1 });
      expect(map.versions).to.deep.equal([1]);
      expect(element(map, 'solutionare')).to.include({ waiting: 1, passes: 3, averageSeconds: 1_053_600 });
      expect(element(map, 'solutionare').p90Seconds).to.be.closeTo(2 ** 20.75, 1e-6);
      expect(element(map, 'primita')).to.include({ waiting: 0, passes: 3, averageSeconds: 0, p90Seconds: 0 });
      expect(element(map, 'refuzata')).to.include({ passes: 1 });
    });

    it('counts how often each flow was taken and its share of the exits', async () => {
      const admin = await s.user('admin@primarie.ro', 'admin');
      const map = (await s.api(`/api/v1/quality/heatmap/calitate-test?${PERIOD}`, { token: admin.token })).body as Heatmap;
      expect(flow(map, 'f1')).to.include({ taken: 3, share: 1 });
      expect(flow(map, 'f3').taken).to.equal(2);
      expect(flow(map, 'f3').share).to.be.closeTo(2 / 3, 1e-9);
      expect(flow(map, 'f4')).to.include({ taken: 1 });
    });

    it('times only what was completed in the period, and counts entries on their own day', async () => {
      const admin = await s.user('admin@primarie.ro', 'admin');
      const map = (await s.api('/api/v1/quality/heatmap/calitate-test?from=2026-12-05&to=2026-12-20', { token: admin.token })).body as Heatmap;
      // A and C were completed in the period, entered before it.
      expect(element(map, 'solutionare')).to.include({ passes: 0, averageSeconds: (1_051_200 + 1_580_400) / 2, waiting: 1 });
      expect(flow(map, 'f3').taken).to.equal(2);
      expect(flow(map, 'f4').taken).to.equal(0);
    });

    it('does not count a request twice when the roll-up runs again', async () => {
      await t.db.query('update quality_facts set ended_at = null where ended_at is not null and refused');
      await rollUpQuality(s.ctx);
      await rollUpQuality(s.ctx);
      const admin = await s.user('admin@primarie.ro', 'admin');
      const map = (await s.api(`/api/v1/quality/heatmap/calitate-test?${PERIOD}`, { token: admin.token })).body as Heatmap;
      // B's fact was settled again (reopened by hand above), so f4 counts it twice; everything else once.
      expect(flow(map, 'f4').taken).to.equal(2);
      expect(flow(map, 'f3').taken).to.equal(2);
    });

    it('refuses a version that is not deployed, a bad version and an unknown procedure', async () => {
      const admin = await s.user('admin@primarie.ro', 'admin');
      expect((await s.api('/api/v1/quality/heatmap/calitate-test?version=2', { token: admin.token })).status).to.equal(404);
      const bad = await s.api('/api/v1/quality/heatmap/calitate-test?version=1.5', { token: admin.token });
      expect(bad.status).to.equal(400);
      expect((bad.body as { error: { code: string } }).error.code).to.equal('bad-input');
      expect((await s.api('/api/v1/quality/heatmap/nu-exista', { token: admin.token })).status).to.equal(404);
      expect((await s.api('/api/v1/quality/heatmap/calitate-test?from=2026-12-20&to=2026-01-01', { token: admin.token })).status).to.equal(400);
    });
  });

  describe('for a head of department', () => {
    it('answers for a procedure of a department they head, and refuses another department\'s', async () => {
      const own = await s.user('sef@primarie.ro', 'sef', ['urbanism']);
      const other = await s.user('sef-taxe@primarie.ro', 'sef', ['taxe']);
      expect((await s.api(`/api/v1/quality/heatmap/calitate-test?${PERIOD}`, { token: own.token })).status).to.equal(200);
      expect((await s.api(`/api/v1/quality/heatmap/calitate-test?${PERIOD}`, { token: other.token })).status).to.equal(403);
    });
  });

  describe('for anyone else', () => {
    it('answers 401 without credentials and 403 to clerks, analysts and citizens', async () => {
      expect((await s.api('/api/v1/quality/heatmap/calitate-test')).status).to.equal(401);
      for (const role of ['clerk', 'analyst', 'citizen'] as const) {
        const user = await s.user(`${role}@primarie.ro`, role, role === 'clerk' ? ['urbanism'] : []);
        expect((await s.api('/api/v1/quality/heatmap/calitate-test', { token: user.token })).status, role).to.equal(403);
      }
    });
  });

  describe('the page /calitate/harta/:key', () => {
    it('shows the model for bpmn-js with the figures, and the same figures as tables', async () => {
      const head = await s.user('sef@primarie.ro', 'sef', ['urbanism']);
      const session = await signInSession(s, head.email, head.password);
      const res = await session.page('/calitate/harta/calitate-test?de=2026-11-01&pana=2026-12-20');
      expect(res.status).to.equal(200);
      const html = await res.text();
      expect(html).to.contain('Harta procedurii: Cerere de test').and.to.contain('data-heatmap=').and.to.contain('/static/bpmn-js/bpmn-navigated-viewer.production.min.js');
      expect(html).to.match(/<tr data-element="solutionare"><td>Soluționare<\/td><td class="num">1<\/td><td class="num">3<\/td><td class="num">12,2 zile<\/td><td class="num">20,4 zile<\/td><\/tr>/);
      expect(html).to.match(/<tr data-flow="f3">.*<td class="num">2<\/td><td class="num">67%<\/td><\/tr>/);
      const dashboard = await (await session.page('/calitate?de=2026-11-01&pana=2026-12-20')).text();
      expect(dashboard).to.contain('href="/calitate/harta/calitate-test?de&#x3D;2026-11-01&amp;pana&#x3D;2026-12-20"');
    });

    it('answers in English', async () => {
      const admin = await s.user('admin@primarie.ro', 'admin');
      const session = await signInSession(s, admin.email, admin.password);
      const html = await (await session.page('/calitate/harta/calitate-test?de=2026-11-01&pana=2026-12-20&lang=en')).text();
      expect(html).to.contain('Heatmap: Test request').and.to.contain('12.2 days');
    });
  });
});
