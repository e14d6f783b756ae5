import { expect } from 'chai';
import { sendEarlyWarnings } from '../../../server/notifications/early-warning-mail.ts';
import { useTestDatabase } from '../../support/database.ts';
import { earlyWarningWorld, TODAY } from '../../support/early-warning-fixture.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** The mail's text as a reader sees it: quoted-printable soft breaks and bytes undone. */
const readable = (raw: string) => decodeURIComponent(raw.replace(/=\r?\n/g, '').replace(/%/g, '%25').replace(/=([0-9A-F]{2})/g, '%$1'));

describe('the heads\' daily early-warning mail', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s: TestServer;
  let w: Awaited<ReturnType<typeof earlyWarningWorld>>;

  beforeEach(async () => {
    s = await startTestServer(t.db, TODAY);
    w = await earlyWarningWorld(s);
    await s.mailSettled();
  });
  afterEach(async () => { await s.close(); });

  it('mails each head of department once a day the at-risk requests of the departments they head', async () => {
    // given
    await s.user('sef.urbanism@primarie.ro', 'sef', ['urbanism']);
    await s.user('sef.taxe@primarie.ro', 'sef', ['taxe']);
    await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
    await s.user('dan@primarie.ro', 'clerk', ['taxe']);
    const before = s.smtp.received.length;
    // when: twice the same day (another process, a minute later)
    expect(await sendEarlyWarnings(s.ctx)).to.equal(2);
    expect(await sendEarlyWarnings(s.ctx)).to.equal(0);
    // then
    const mails = s.smtp.received.slice(before);
    expect(mails.map((m) => m.to).sort()).to.deep.equal([['sef.taxe@primarie.ro'], ['sef.urbanism@primarie.ro']]);
    const urbanism = readable(mails.find((m) => m.to[0] === 'sef.urbanism@primarie.ro')!.raw);
    expect(urbanism).to.contain(w.dueSoon.number).and.to.contain(w.overdue.number).and.to.contain('Cerere de test');
    expect(urbanism).to.contain('16.12.2026').and.to.contain('08.12.2026').and.to.contain('nepreluată');
    expect(urbanism).to.contain(`nr. ${w.overdue.number} · Cerere de test · fără progres de 13 zile lucrătoare · nepreluată`);
    for (const quiet of [w.claimed, w.dueLater, w.suspended, w.taxe]) expect(urbanism).not.to.contain(`nr. ${quiet.number} `);
    const taxe = readable(mails.find((m) => m.to[0] === 'sef.taxe@primarie.ro')!.raw);
    expect(taxe).to.contain(`nr. ${w.taxe.number} `).and.not.to.contain(`nr. ${w.dueSoon.number} `);
  });

  it('goes out again the next day, and not before 07:00 Bucharest time', async () => {
    await s.user('sef.urbanism@primarie.ro', 'sef', ['urbanism']);
    s.clock.set('2026-12-14T04:30:00Z'); // 06:30 in Bucharest
    expect(await sendEarlyWarnings(s.ctx)).to.equal(0);
    s.clock.set(TODAY);
    expect(await sendEarlyWarnings(s.ctx)).to.equal(1);
    s.clock.set('2026-12-15T06:00:00Z');
    expect(await sendEarlyWarnings(s.ctx)).to.equal(1);
  });

  it('does not mail clerks, nor a head whose departments have nothing at risk', async () => {
    await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
    await s.user('sef.cultura@primarie.ro', 'sef', ['cultura']);
    const before = s.smtp.received.length;
    expect(await sendEarlyWarnings(s.ctx)).to.equal(0);
    await s.mailSettled();
    expect(s.smtp.received.slice(before)).to.deep.equal([]);
  });

  it('writes to a head in their language', async () => {
    const head = await s.user('sef.taxe@primarie.ro', 'sef', ['taxe']);
    await s.ctx.db.query("update users set lang = 'en' where id = $1", [head.id]);
    const before = s.smtp.received.length;
    await sendEarlyWarnings(s.ctx);
    expect(readable(s.smtp.received.slice(before)[0]!.raw)).to.contain('at risk of missing the legal deadline').and.to.contain('unclaimed');
  });
});
