import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { bucketOf } from '../../../server/quality/element-stats.ts';
import { BUCKET_SQL, settleBatch, type CalendarFigures, type VersionMarks } from '../../../server/quality/settle-store.ts';
import { useTestDatabase } from '../../support/database.ts';

/**
 * settleBatch against hand-written engine events: each step's events are one `events` row, as the
 * engine writes them, and the request's fact is open, as the portal recorded it.
 */
describe('settling ended requests in SQL (settle-store)', function () {
  this.timeout(60_000);
  const t = useTestDatabase();

  type Item = { type: string; elementId?: string; data?: Record<string, unknown> };
  async function request(steps: Array<[at: string, items: Item[]]>): Promise<CalendarFigures> {
    const [requestId, instanceId] = [randomUUID(), randomUUID()];
    await t.db.query("insert into quality_facts (request_id, instance_id, procedure_key, department, received_at) values ($1, $2, 'p', 'urbanism', $3)", [requestId, instanceId, steps[0]![0]]);
    for (const [at, items] of steps) await t.db.query('insert into events (instance_id, items, at) values ($1, $2::jsonb, $3)', [instanceId, JSON.stringify(items), at]);
    const endedAt = steps.at(-1)![0];
    return { requestId, instanceId, procedureKey: 'p', version: 1, endedAt, endedDay: endedAt.slice(0, 10), resolved: true, inTarget: null, durationWd: 1 };
  }
  const elements = () => t.db.query<{ day: string; element_id: string; passes: number; timed: number; seconds: number; time_hist: number[] }>(
    "select to_char(day, 'YYYY-MM-DD') as day, element_id, passes, timed, seconds, time_hist from quality_element_daily order by day, element_id");
  const fact = (id: string) => t.db.query<Record<string, unknown>>('select in_term, refused, tacit, complaint, suspensions, extensions, resolved_by, ended_at from quality_facts where request_id = $1', [id]).then((r) => r[0]!);
  const marks: VersionMarks[] = [{ procedureKey: 'p', version: 1, complaint: ['reclamatie'], refusal: ['refuzata'] }];

  it('counts entries per element and flow on the Bucharest day they happened', async () => {
    // 22:30 UTC on 1 December is already 2 December in Bucharest (UTC+2).
    const r = await request([['2026-12-01T22:30:00Z', [{ type: 'element.entered', elementId: 'primita' }, { type: 'element.completed', elementId: 'primita' }, { type: 'element.entered', elementId: 'analiza', data: { flow: 'f1' } }]]]);
    expect(await settleBatch(t.db, [r], marks)).to.equal(1);
    expect((await elements()).map((e) => [e.day, e.element_id, e.passes, e.timed])).to.deep.equal([
      ['2026-12-02', 'analiza', 1, 0], ['2026-12-02', 'f1', 1, 0], ['2026-12-02', 'primita', 1, 1]]);
  });

  it('times an element from entering to completing, first in first out when it loops, on the day it completed', async () => {
    const r = await request([
      ['2026-12-02T08:00:00Z', [{ type: 'element.entered', elementId: 'analiza' }]],
      ['2026-12-02T09:00:00Z', [{ type: 'element.completed', elementId: 'analiza' }, { type: 'element.entered', elementId: 'analiza', data: { flow: 'inapoi' } }]],
      ['2026-12-03T09:00:30Z', [{ type: 'element.completed', elementId: 'analiza' }]],
    ]);
    await settleBatch(t.db, [r], marks);
    const [first, again] = (await elements()).filter((e) => e.element_id === 'analiza');
    expect(first).to.include({ day: '2026-12-02', passes: 2, timed: 1, seconds: 3600 });
    expect(again).to.include({ day: '2026-12-03', passes: 0, timed: 1, seconds: 86_430 });
    expect(first!.time_hist.length).to.equal(bucketOf(3600) + 1);
    expect(first!.time_hist[bucketOf(3600)]).to.equal(1);
    expect(again!.time_hist[bucketOf(86_430)]).to.equal(1);
  });

  it('adds a second request\'s figures to the same day\'s row', async () => {
    const steps = (at: string, done: string): Array<[string, Item[]]> => [[at, [{ type: 'element.entered', elementId: 'analiza' }]], [done, [{ type: 'element.completed', elementId: 'analiza' }]]];
    await settleBatch(t.db, [await request(steps('2026-12-02T08:00:00Z', '2026-12-02T08:01:00Z'))], marks);
    await settleBatch(t.db, [await request(steps('2026-12-02T10:00:00Z', '2026-12-02T11:00:00Z'))], marks);
    const [row] = await elements();
    expect(row).to.include({ passes: 2, timed: 2, seconds: 3660 });
    expect(row!.time_hist[bucketOf(60)]).to.equal(1);
    expect(row!.time_hist[bucketOf(3600)]).to.equal(1);
  });

  it('settles the term as the ledger last stated it, the suspensions, extensions and who resolved it', async () => {
    const r = await request([
      ['2026-12-01T08:00:00Z', [{ type: 'clock.started', data: { due: '2026-12-15' } }, { type: 'task.claimed', data: { assignee: 'ana@primarie.ro' } }]],
      ['2026-12-03T08:00:00Z', [{ type: 'clock.suspended', data: { due: null } }]],
      ['2026-12-07T08:00:00Z', [{ type: 'clock.resumed', data: { due: '2026-12-17' } }, { type: 'task.reassigned', data: { assignee: 'ion@primarie.ro' } }]],
      ['2026-12-09T08:00:00Z', [{ type: 'clock.extended', data: { due: '2026-12-21' } }]],
      ['2026-12-18T08:00:00Z', [{ type: 'element.completed', elementId: 'aprobata' }]],
    ]);
    await settleBatch(t.db, [r], marks);
    expect(await fact(r.requestId)).to.deep.include({ in_term: true, refused: false, tacit: false, complaint: false, suspensions: 1, extensions: 1, resolved_by: 'ion@primarie.ro' });
  });

  it('counts a request ended after its term\'s last day as late, a tacit approval never in term', async () => {
    const late = await request([['2026-12-01T08:00:00Z', [{ type: 'clock.started', data: { due: '2026-12-10' } }]], ['2026-12-11T08:00:00Z', [{ type: 'element.completed', elementId: 'aprobata' }]]]);
    const tacit = await request([['2026-12-01T08:00:00Z', [{ type: 'clock.started', data: { due: '2026-12-10' } }]], ['2026-12-10T08:00:00Z', [{ type: 'clock.tacit-approval', data: { due: '2026-12-10' } }]]]);
    const noTerm = await request([['2026-12-01T08:00:00Z', [{ type: 'element.entered', elementId: 'analiza' }]]]);
    expect(await settleBatch(t.db, [late, tacit, noTerm], marks)).to.equal(3);
    expect(await fact(late.requestId)).to.include({ in_term: false, tacit: false });
    expect(await fact(tacit.requestId)).to.include({ in_term: false, tacit: true });
    expect(await fact(noTerm.requestId)).to.include({ in_term: null });
  });

  it('marks refusals by the version\'s refusal ends and complaints by its complaint elements', async () => {
    const refused = await request([['2026-12-01T08:00:00Z', [{ type: 'element.entered', elementId: 'refuzata' }, { type: 'element.completed', elementId: 'refuzata' }]]]);
    const complaint = await request([['2026-12-01T08:00:00Z', [{ type: 'element.entered', elementId: 'reclamatie' }]]]);
    const other = { ...(await request([['2026-12-01T08:00:00Z', [{ type: 'element.completed', elementId: 'refuzata' }, { type: 'element.entered', elementId: 'contestatie' }]]])), procedureKey: 'gone' };
    await settleBatch(t.db, [refused, complaint, other], marks);
    expect(await fact(refused.requestId)).to.include({ refused: true, complaint: false });
    expect(await fact(complaint.requestId)).to.include({ refused: false, complaint: true });
    // A version without marks (its definition is gone): complaints by element id, no refusal.
    expect(await fact(other.requestId)).to.include({ refused: false, complaint: true });
  });

  it('settles and counts a request once, however often it is passed', async () => {
    const r = await request([['2026-12-02T08:00:00Z', [{ type: 'element.entered', elementId: 'primita' }]]]);
    expect(await settleBatch(t.db, [r], marks)).to.equal(1);
    expect(await settleBatch(t.db, [r, r], marks)).to.equal(0);
    expect((await elements()).map((e) => e.passes)).to.deep.equal([1]);
  });

  it('counts a request once when a second process settles it while the first has not committed', async () => {
    const r = await request([['2026-12-02T08:00:00Z', [{ type: 'element.entered', elementId: 'primita' }]]]);
    let settledFirst!: () => void;
    let commitFirst!: () => void;
    const firstSettled = new Promise<void>((resolve) => { settledFirst = resolve; });
    const commit = new Promise<void>((resolve) => { commitFirst = resolve; });
    const first = t.db.transaction(async (tx) => { const n = await settleBatch(tx, [r], marks); settledFirst(); await commit; return n; });
    await firstSettled;
    const second = t.db.transaction((tx) => settleBatch(tx, [r], marks));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the second now waits on the fact's row (PostgreSQL) or the connection (PGlite)
    commitFirst();
    expect([await first, await second]).to.deep.equal([1, 0]);
    expect((await elements()).map((e) => e.passes)).to.deep.equal([1]);
  });

  it('puts a stay in the same histogram bucket as bucketOf, powers of two included', async () => {
    const seconds = [0, 0.5, 1, 1.4142, 1.4143, 2, 3, 4, 59, 64, 1024, 3600, 86_400, 2 ** 29.5 + 1, 1e12];
    const rows = await t.db.query<{ s: number; b: number }>(`select s, ${BUCKET_SQL('s')} as b from unnest($1::float8[]) as u(s)`, [seconds]);
    expect(rows.map((r) => r.b)).to.deep.equal(seconds.map(bucketOf));
  });
});
