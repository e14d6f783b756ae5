import { expect } from 'chai';
import { listQueue } from '../../../server/tasks/queue.ts';
import { useTestDatabase } from '../../support/database.ts';
import { earlyWarningWorld, TODAY } from '../../support/early-warning-fixture.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('the clerk\'s queue and the early warning', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s: TestServer;
  let w: Awaited<ReturnType<typeof earlyWarningWorld>>;

  beforeEach(async () => {
    s = await startTestServer(t.db, TODAY);
    w = await earlyWarningWorld(s);
  });
  afterEach(async () => { await s.close(); });

  it('marks the tasks whose request is at risk, and only those', async () => {
    const ana = await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
    const tasks = await listQueue(s.ctx, ana);
    const marked = new Map(tasks.map((task) => [task.registrationNumber, task.atRisk]));
    expect(Object.fromEntries(marked)).to.deep.equal({
      [w.overdue.number]: true, [w.dueSoon.number]: true, [w.claimed.number]: false, [w.suspended.number]: false, [w.dueLater.number]: false,
    });
  });

  it('lists only the at-risk tasks with ?risc=1, in the API as on the page', async () => {
    const ana = await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
    const res = await s.api('/api/v1/tasks?risc=1', { token: ana.token });
    expect(res.status).to.equal(200);
    expect(res.body.tasks.map((task: { registrationNumber: string }) => task.registrationNumber)).to.deep.equal([w.overdue.number, w.dueSoon.number]);
  });

  it('does not show a clerk of another department the at-risk requests of urbanism', async () => {
    const dan = await s.user('dan@primarie.ro', 'clerk', ['taxe']);
    const tasks = await listQueue(s.ctx, dan, { atRisk: true });
    expect(tasks.map((task) => task.registrationNumber)).to.deep.equal([w.taxe.number]);
  });
});
