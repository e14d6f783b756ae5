import { expect } from 'chai';
import { sendDueDigests } from '../../../server/notifications/due-digest.ts';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('the clerks\' daily due digest', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('mails each clerk once a day the tasks due within three working days, from 07:00 Bucharest time', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    await s.user('dan@primarie.ro', 'clerk', ['taxe']);
    await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION }); // triage due Monday 9 March
    await s.mailSettled();
    const before = s.smtp.received.length;

    s.clock.set('2026-03-05T04:30:00Z'); // 06:30 in Bucharest: too early
    expect(await sendDueDigests(s.ctx)).to.equal(0);
    s.clock.set('2026-03-05T06:00:00Z'); // 08:00: 6, 9 and 10 March are the next three working days
    expect(await sendDueDigests(s.ctx)).to.equal(1);
    expect(await sendDueDigests(s.ctx)).to.equal(0); // once per day
    const digests = s.smtp.received.slice(before);
    expect(digests.map((m) => m.to)).to.deep.equal([['ana@primarie.ro']]);
    expect(digests[0]!.raw).to.contain('1/02.03.2026');
  });

  it('leaves out tasks due later than three working days', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
    s.clock.set('2026-03-02T10:00:00Z'); // 3, 4, 5 March: the 9 March task is not near yet
    expect(await sendDueDigests(s.ctx)).to.equal(0);
  });
});
