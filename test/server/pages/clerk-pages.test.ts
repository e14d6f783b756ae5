import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

describe('the clerk pages', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('reassign a task to a colleague of its department, and to nobody else', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const ion = await s.user('ion@primarie.ro', 'clerk', ['registratura']);
    await s.user('dan@primarie.ro', 'clerk', ['taxe']);
    await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
    const [task] = (await s.api('/api/v1/tasks', { token: ana.token })).body.tasks;
    const session = await signInSession(s, ana.email, ana.password);
    const page = await (await session.page(`/lucru/sarcini/${task.id}`)).text();
    expect(page).to.contain('ion@primarie.ro').and.not.to.contain('dan@primarie.ro');
    expect((await session.post(`/lucru/sarcini/${task.id}/repartizare`, { assignee: 'dan@primarie.ro' })).status).to.equal(400);
    expect((await session.post(`/lucru/sarcini/${task.id}/repartizare`, { assignee: 'ion@primarie.ro' })).status).to.equal(303);
    const [mine] = (await s.api('/api/v1/tasks?assignee=me', { token: ion.token })).body.tasks;
    expect(mine).to.include({ id: task.id, assignee: 'ion@primarie.ro' });
  });

  it('show the queue with counts and only the clerk\'s departments', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const dan = await s.user('dan@primarie.ro', 'clerk', ['taxe']);
    await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
    const anaQueue = await (await (await signInSession(s, ana.email, ana.password)).page('/lucru')).text();
    expect(anaQueue).to.contain('1/02.03.2026').and.to.contain('Triere la registratură');
    const danQueue = await (await (await signInSession(s, dan.email, dan.password)).page('/lucru')).text();
    expect(danQueue).not.to.contain('1/02.03.2026');
    const forbidden = await (await signInSession(s, dan.email, dan.password)).page('/lucru?group=registratura');
    expect(forbidden.status).to.equal(403);
  });
});
