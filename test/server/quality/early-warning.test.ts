import { expect } from 'chai';
import { listAtRisk, riskThresholds } from '../../../server/quality/early-warning.ts';
import { useTestDatabase } from '../../support/database.ts';
import { earlyWarningWorld, TODAY } from '../../support/early-warning-fixture.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('the early warning: requests at risk of missing their legal deadline', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s: TestServer;
  let w: Awaited<ReturnType<typeof earlyWarningWorld>>;

  beforeEach(async () => {
    s = await startTestServer(t.db, TODAY);
    w = await earlyWarningWorld(s);
  });
  afterEach(async () => { await s.close(); });

  it('counts both thresholds on the legal calendar, in whole working days', async () => {
    // given Monday 14 December  // when
    const thresholds = await riskThresholds(s.ctx);
    // then: due by Thu 17 Dec; idle means nothing since the start of Thu 10 Dec in Bucharest
    expect(thresholds).to.deep.equal({ dueBy: '2026-12-17', idleSince: new Date('2026-12-09T22:00:00Z') });
  });

  describe('when a department\'s requests are checked', () => {
    it('warns about the one due soon without progress and the overdue one, the most urgent first', async () => {
      const found = await listAtRisk(s.ctx, ['urbanism']);
      expect(found.map((r) => r.registrationNumber)).to.deep.equal([w.overdue.number, w.dueSoon.number]);
      expect(found[0]).to.include({ dueDate: '2026-12-08', overdue: true, idleWorkingDays: 13, department: 'urbanism', procedureKey: 'calitate-test' });
      expect(found[1]).to.include({ dueDate: '2026-12-16', overdue: false, idleWorkingDays: 7 });
      expect(found[1]!.assignees).to.deep.equal([]);
    });

    it('does not warn about a request due soon that moved recently (its task was claimed)', async () => {
      expect((await listAtRisk(s.ctx, ['urbanism'])).map((r) => r.requestId)).not.to.include(w.claimed.requestId);
    });

    it('does not warn about a request due later than the window, however idle', async () => {
      expect((await listAtRisk(s.ctx, ['urbanism'])).map((r) => r.requestId)).not.to.include(w.dueLater.requestId);
    });

    it('does not warn about a request whose term is suspended', async () => {
      expect((await listAtRisk(s.ctx, ['urbanism'])).map((r) => r.requestId)).not.to.include(w.suspended.requestId);
    });

    it('does not list another department\'s requests', async () => {
      expect((await listAtRisk(s.ctx, ['taxe'])).map((r) => r.requestId)).to.deep.equal([w.taxe.requestId]);
    });
  });

  describe('when the settings change', () => {
    it('warns earlier with a wider window and a shorter idle time', async () => {
      s.ctx.config.earlyWarning = { dueWithinWorkingDays: 5, idleWorkingDays: 1 };
      // 5 working days: due by Mon 21 Dec; 1 idle day: nothing since Fri 11 Dec (the claim that day counts)
      const found = await listAtRisk(s.ctx, ['urbanism']);
      expect(found.map((r) => r.requestId)).to.deep.equal([w.overdue.requestId, w.dueSoon.requestId, w.dueLater.requestId]);
    });
  });

  describe('when the request has ended', () => {
    it('no longer warns about it', async () => {
      await s.ctx.engine.terminate(w.dueSoon.instanceId, 'test');
      expect((await listAtRisk(s.ctx, ['urbanism'])).map((r) => r.requestId)).to.deep.equal([w.overdue.requestId]);
    });
  });
});
