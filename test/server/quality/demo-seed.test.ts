import { expect } from 'chai';
import { localDate } from '../../../engine/index.ts';
import { seedQualityHistory } from '../../../server/quality/demo-seed.ts';
import { qualityFigures } from '../../../server/quality/figures.ts';
import { workingDaysBetween } from '../../../server/quality/settle-fact.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('the demo quality history (dosar demo seed)', function () {
  this.timeout(180_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => {
    s = await startTestServer(t.db);
    s.clock.set('2026-12-21T08:00:00Z');
  });
  afterEach(async () => { await s.close(); });

  it('writes ended and open requests across the built-in procedures, on working days, and rolls every past day up', async () => {
    const result = await seedQualityHistory(s.ctx, { requests: 3000, open: 150, years: 2 });
    expect(result).to.include({ ended: 3000, open: 150 });
    const [facts] = await t.db.query<{ ended: number; open: number; keys: number; late: number }>(
      `select count(*) filter (where ended_at is not null)::int as ended, count(*) filter (where ended_at is null)::int as open,
         count(distinct procedure_key)::int as keys, count(*) filter (where ended_at >= '2026-12-20T22:00:00Z')::int as late from quality_facts`);
    expect(facts).to.deep.equal({ ended: 3000, open: 150, keys: 7, late: 0 });
    const [daily] = await t.db.query<{ closed: number; resolved: number }>('select sum(closed)::int as closed, sum(resolved)::int as resolved from quality_daily');
    expect(daily).to.deep.equal({ closed: 3000, resolved: 3000 });
  });

  it('gives the heatmap each ended request along its procedure\'s main path, its duration shared by the user tasks', async () => {
    await seedQualityHistory(s.ctx, { requests: 1000, open: 0, years: 1 });
    const [petitions] = await t.db.query<{ n: number; wd: number }>("select count(*)::int as n, sum(duration_wd)::int as wd from quality_facts where procedure_key = 'petitie'");
    const { definition } = await s.ctx.engine.findDefinition('petitie');
    const start = definition.startEvents[0]!;
    const [passes] = await t.db.query<{ n: number }>("select sum(passes)::int as n from quality_element_daily where procedure_key = 'petitie' and element_id = $1", [start]);
    expect(passes!.n).to.equal(petitions!.n);
    const [timed] = await t.db.query<{ seconds: number }>(
      "select sum(d.seconds)::float8 as seconds from quality_element_daily d where d.procedure_key = 'petitie' and d.element_id = any($1::text[])",
      [Object.values(definition.elements).filter((e) => e.type === 'userTask').map((e) => e.id)]);
    expect(timed!.seconds).to.be.closeTo(petitions!.wd * 1.4 * 86_400, 1);
  });

  it('counts durations in working days as the legal calendar does (holidays included)', async () => {
    await seedQualityHistory(s.ctx, { requests: 400, open: 0, years: 1 });
    const calendar = await s.ctx.engine.calendar();
    const rows = await t.db.query<{ received_at: Date; ended_at: Date; duration_wd: number; tacit: boolean; in_term: boolean }>('select received_at, ended_at, duration_wd, tacit, in_term from quality_facts');
    for (const r of rows) {
      const received = localDate(new Date(r.received_at).toISOString());
      expect(calendar.isWorkingDay(received), received).to.equal(true);
      expect(r.duration_wd, received).to.equal(workingDaysBetween(calendar, received, localDate(new Date(r.ended_at).toISOString())));
      if (r.tacit) expect(r.in_term).to.equal(false);
    }
  });

  it('gives the dashboard a year of figures from the aggregates', async () => {
    await seedQualityHistory(s.ctx, { requests: 2000, open: 100, years: 2 });
    const f = await qualityFigures(s.ctx, { from: '2025-12-21', to: '2026-12-20' }, null, []);
    expect(f.lines.length).to.be.at.least(6);
    expect(f.total.resolved).to.be.greaterThan(500);
    expect(f.total.open).to.equal(100);
    expect(f.total.medianDays).to.be.a('number');
    expect(f.total.p90Days!).to.be.at.least(f.total.medianDays!);
    expect(f.total.inTermShare!).to.be.within(0.5, 1);
  });
});
