import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { earlyWarningWorld, TODAY } from '../../support/early-warning-fixture.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('GET /api/v1/quality/early-warnings', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s: TestServer;
  let w: Awaited<ReturnType<typeof earlyWarningWorld>>;

  beforeEach(async () => {
    s = await startTestServer(t.db, TODAY);
    w = await earlyWarningWorld(s);
  });
  afterEach(async () => { await s.close(); });

  const numbers = (body: { requests: Array<{ registrationNumber: string }> }) => body.requests.map((r) => r.registrationNumber);

  it('shows a head of department only the at-risk requests of the departments they head', async () => {
    const head = await s.user('sef@primarie.ro', 'sef', ['urbanism']);
    const res = await s.api('/api/v1/quality/early-warnings', { token: head.token });
    expect(res.status).to.equal(200);
    expect(numbers(res.body)).to.deep.equal([w.overdue.number, w.dueSoon.number]);
    expect(res.body.requests[1]).to.include({ requestId: w.dueSoon.requestId, department: 'urbanism', dueDate: '2026-12-16', overdue: false, idleWorkingDays: 7 });
  });

  it('shows an admin every department\'s', async () => {
    const admin = await s.user('admin@primarie.ro', 'admin');
    const res = await s.api('/api/v1/quality/early-warnings', { token: admin.token });
    expect(numbers(res.body)).to.have.members([w.overdue.number, w.dueSoon.number, w.taxe.number]);
  });

  it('does not answer anonymous callers, citizens, clerks or a head of no department', async () => {
    expect((await s.api('/api/v1/quality/early-warnings')).status).to.equal(401);
    for (const [email, role, departments] of [['maria@exemplu.ro', 'citizen', []], ['ana@primarie.ro', 'clerk', ['urbanism']], ['sef.nou@primarie.ro', 'sef', []]] as const) {
      const user = await s.user(email, role, [...departments]);
      expect((await s.api('/api/v1/quality/early-warnings', { token: user.token })).status, role).to.equal(403);
    }
  });
});
