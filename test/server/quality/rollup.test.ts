import { expect } from 'chai';
import { qualityFigures } from '../../../server/quality/figures.ts';
import { rollUpQuality, RollUpPace } from '../../../server/quality/rollup.ts';
import { useTestDatabase } from '../../support/database.ts';
import { deployQualityProcedure, handCountedHistory } from '../../support/quality-fixture.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/**
 * Hand-counted: 10 working days from Fri 27 Nov 2026 skip Mon 30 Nov and Tue 1 Dec (holidays) and
 * end on Tue 15 Dec; the internal target of 5 working days ends on Tue 8 Dec.
 *   A  received Fri 27 Nov, approved Wed 9 Dec:  6 working days, in term, not in target
 *   B  received Fri 27 Nov, refused Thu 3 Dec:   2 working days, in term, in target
 *   C  received Mon 30 Nov (holiday), extended by 5 working days on 10 Dec (due 15 -> 22 Dec),
 *      approved Fri 18 Dec: 13 working days, in term thanks to the extension, not in target
 *   D  received Wed 2 Dec, still open
 */
describe('the quality roll-up', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => {
    s = await startTestServer(t.db);
    await deployQualityProcedure(s);
  });
  afterEach(async () => { await s.close(); });

  const history = () => handCountedHistory(s, '2026-12-21T08:00:00Z');

  /** The hand-counted days above, as the roll-up keeps them. */
  async function expectHandCountedDays(): Promise<void> {
    const rows = await t.db.query<{ day: string; received: number; resolved: number; resolved_in_term: number; resolved_in_target: number; refused: number; extensions: number; duration_hist: number[] }>(
      "select to_char(day, 'YYYY-MM-DD') as day, received, resolved, resolved_in_term, resolved_in_target, refused, extensions, duration_hist from quality_daily where procedure_key = 'calitate-test' order by day");
    const at = (day: string) => rows.find((r) => r.day === day);
    expect(rows.map((r) => r.day)).to.deep.equal(['2026-11-27', '2026-11-30', '2026-12-02', '2026-12-03', '2026-12-09', '2026-12-18']);
    expect(at('2026-11-27')).to.include({ received: 2, resolved: 0 });
    expect(at('2026-12-03')).to.include({ resolved: 1, resolved_in_term: 1, resolved_in_target: 1, refused: 1 });
    expect(at('2026-12-03')!.duration_hist).to.deep.equal([0, 0, 1]);
    expect(at('2026-12-09')).to.include({ resolved: 1, resolved_in_term: 1, resolved_in_target: 0, refused: 0 });
    expect(at('2026-12-09')!.duration_hist[6]).to.equal(1);
    expect(at('2026-12-18')).to.include({ resolved: 1, resolved_in_term: 1, resolved_in_target: 0, extensions: 1 });
    expect(at('2026-12-18')!.duration_hist[13]).to.equal(1);
  }

  describe('when the days have passed', () => {
    it('keeps per day what was received and resolved, in term, in target, refused and extended', async () => {
      await history();
      const result = await rollUpQuality(s.ctx);
      expect(result.recorded).to.equal(4);
      expect(result.settled).to.equal(3);
      expect(result.days[0]).to.equal('2026-11-27');
      expect(result.days.at(-1)).to.equal('2026-12-20');
      await expectHandCountedDays();
    });

    it('gives the period\'s shares, median and 90th percentile from the aggregates, and the open request', async () => {
      await history();
      await rollUpQuality(s.ctx);
      const figures = await qualityFigures(s.ctx, { from: '2026-11-01', to: '2026-12-20' }, null, []);
      expect(figures.total).to.include({ received: 4, resolved: 3, open: 1, refused: 1, extensions: 1, inTermShare: 1, medianDays: 6, p90Days: 13 });
      expect(figures.total.inTargetShare).to.be.closeTo(1 / 3, 1e-9);
      expect(figures.lines.map((l) => [l.procedureKey, l.department])).to.deep.equal([['calitate-test', 'urbanism']]);
      expect(figures.arrivals.filter((w) => w.received > 0)).to.deep.equal([{ week: '2026-11-23', received: 2 }, { week: '2026-11-30', received: 2 }]);
      expect(figures.arrivals[0]!.week).to.equal('2026-10-26');
      expect(figures.backlog.find((b) => b.day === '2026-11-27')!.open).to.equal(2);
      expect(figures.backlog.find((b) => b.day === '2026-12-02')!.open).to.equal(4);
      expect(figures.backlog.find((b) => b.day === '2026-12-20')!.open).to.equal(1);
    });

    it('rolls each day up once, so a second run changes nothing', async () => {
      await history();
      await rollUpQuality(s.ctx);
      const again = await rollUpQuality(s.ctx);
      expect(again).to.deep.equal({ recorded: 0, settled: 0, days: [] });
    });
  });

  describe('when a request\'s personal data is deleted after its retention', () => {
    it('does not change past figures', async () => {
      const { b } = await history();
      await rollUpQuality(s.ctx);
      const before = await qualityFigures(s.ctx, { from: '2026-11-01', to: '2026-12-20' }, null, []);
      await t.db.query('delete from requests where id = $1', [b.requestId]);
      s.clock.set('2026-12-22T08:00:00Z');
      await rollUpQuality(s.ctx);
      const after = await qualityFigures(s.ctx, { from: '2026-11-01', to: '2026-12-20' }, null, []);
      expect(after.total).to.deep.equal(before.total);
      expect(after.lines).to.deep.equal(before.lines);
    });
  });

  describe('when two processes roll up at once', () => {
    it('does not roll a day up twice', async () => {
      await history();
      const [one, two] = await Promise.all([rollUpQuality(s.ctx), rollUpQuality(s.ctx)]);
      const days = [...one.days, ...two.days];
      expect(new Set(days).size).to.equal(days.length);
      const [row] = await t.db.query<{ n: number }>("select sum(received)::int as n from quality_daily where procedure_key = 'calitate-test'");
      expect(row!.n).to.equal(4);
    });
  });

  describe('when it runs at a share of the time, as a server\'s background roll-up', () => {
    it('settles and rolls up the same figures as all out, one request per batch', async () => {
      await history();
      const result = await rollUpQuality(s.ctx, { pace: new RollUpPace(0.5), batch: 1 });
      expect(result).to.include({ recorded: 4, settled: 3 });
      await expectHandCountedDays();
    });

    it('stops between batches when aborted, keeping what it settled, and the next run settles the rest', async () => {
      await history();
      const stop = new AbortController();
      const settledNow = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from quality_facts where ended_at is not null'))[0]!.n;
      // A share of 1%: after its first batch the roll-up rests ~99 times as long, and is stopped then.
      const run = rollUpQuality(s.ctx, { pace: new RollUpPace(0.01), batch: 1, signal: stop.signal });
      while ((await settledNow()) === 0) await new Promise((r) => setTimeout(r, 5));
      stop.abort();
      const result = await run;
      expect(result).to.deep.equal({ recorded: 4, settled: 1, days: [] });
      expect(await settledNow()).to.equal(1);
      expect(await rollUpQuality(s.ctx)).to.include({ recorded: 0, settled: 2 });
    });
  });
});

describe('a roll-up pace', () => {
  const busy = (ms: number) => () => new Promise<number>((r) => setTimeout(() => r(performance.now()), ms));

  it('rests after each piece of work so that work takes at most its share of the time', async () => {
    const pace = new RollUpPace(0.25);
    const firstEnded = (await pace.run(busy(40)))!;
    const began: number[] = [];
    await pace.run(async () => { began.push(performance.now()); });
    // 40 ms of work at a quarter of the time: three times as long at rest.
    expect(began[0]! - firstEnded).to.be.at.least(115);
  });

  it('owes the rest an abort cut short, and serves it first on its next run', async () => {
    const pace = new RollUpPace(0.5);
    await pace.run(busy(60));
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 10);
    let ran = false;
    expect(await pace.run(async () => { ran = true; }, stop.signal)).to.equal(undefined);
    expect(ran).to.equal(false);
    const t0 = performance.now();
    await pace.run(async () => undefined);
    expect(performance.now() - t0).to.be.at.least(35);
  });

  it('refuses a share that is not above 0 and at most 1', () => {
    for (const bad of [0, -0.5, 1.5, Number.NaN]) expect(() => new RollUpPace(bad), String(bad)).to.throw(RangeError, /share of time/);
  });
});
