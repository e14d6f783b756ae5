import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { earlyWarningWorld, TODAY } from '../../support/early-warning-fixture.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

describe('the queue page (/lucru) and the early warning', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s: TestServer;
  let w: Awaited<ReturnType<typeof earlyWarningWorld>>;

  beforeEach(async () => {
    s = await startTestServer(t.db, TODAY);
    w = await earlyWarningWorld(s);
  });
  afterEach(async () => { await s.close(); });

  const rowOf = (html: string, number: string) => html.split('<tr>').find((row) => row.includes(`<td>${number}</td>`)) ?? '';

  it('shows a worded badge on the tasks whose request is at risk, in Romanian and English', async () => {
    const ana = await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
    const session = await signInSession(s, ana.email, ana.password);
    const html = await (await session.page('/lucru')).text();
    expect(rowOf(html, w.dueSoon.number)).to.contain('Risc de depășire a termenului');
    expect(rowOf(html, w.claimed.number)).to.contain('/lucru/sarcini/').and.not.to.contain('Risc de depășire');
    const en = await (await session.page('/lucru?lang=en')).text();
    expect(rowOf(en, w.overdue.number)).to.contain('At risk of missing the deadline');
  });

  it('filters the queue to the at-risk tasks with ?risc=1 and keeps the box ticked', async () => {
    const ana = await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
    const html = await (await (await signInSession(s, ana.email, ana.password)).page('/lucru?risc=1')).text();
    expect(html).to.contain(`<td>${w.dueSoon.number}</td>`).and.to.contain(`<td>${w.overdue.number}</td>`);
    expect(html).not.to.contain(`<td>${w.claimed.number}</td>`).and.not.to.contain(`<td>${w.dueLater.number}</td>`);
    expect(html).to.match(/id="risc" name="risc" value="1" checked/);
  });
});
