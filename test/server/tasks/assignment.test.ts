import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

describe('releasing and reassigning tasks, the same through the API and the pages', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  async function setup() {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const ion = await s.user('ion@primarie.ro', 'clerk', ['registratura']);
    const dan = await s.user('dan@primarie.ro', 'clerk', ['taxe']);
    await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
    const [task] = (await s.api('/api/v1/tasks', { token: ana.token })).body.tasks;
    return { ana, ion, dan, taskId: task.id as string };
  }

  it('refuses, through the API as on the page, to give a task to someone outside its departments', async () => {
    const { ana, taskId } = await setup();
    const refused = await s.api(`/api/v1/tasks/${taskId}/assign`, { token: ana.token, body: { assignee: 'dan@primarie.ro' } });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.message).to.contain('dan@primarie.ro');
    const given = await s.api(`/api/v1/tasks/${taskId}/assign`, { token: ana.token, body: { assignee: 'ION@primarie.ro ' } });
    expect(given.status).to.equal(200);
    expect(given.body.assignee).to.equal('ion@primarie.ro');
  });

  it('lets only the holder or an administrator release a task, on the page as through the API', async () => {
    const { ana, ion, taskId } = await setup();
    await s.api(`/api/v1/tasks/${taskId}/claim`, { token: ion.token, body: {} });
    expect((await s.api(`/api/v1/tasks/${taskId}/unclaim`, { token: ana.token, body: {} })).status).to.equal(409);
    const page = await signInSession(s, ana.email, ana.password);
    expect((await page.post(`/lucru/sarcini/${taskId}/eliberare`, {})).status).to.equal(409);
    const admin = await s.user('admin@primarie.ro', 'admin');
    const released = await s.api(`/api/v1/tasks/${taskId}/unclaim`, { token: admin.token, body: {} });
    expect(released.status).to.equal(200);
    expect(released.body.assignee ?? null).to.equal(null);
  });

  it('lets only the holder or an administrator give a claimed task to someone else, on the page as through the API', async () => {
    // given
    const { ana, ion, taskId } = await setup();
    await s.api(`/api/v1/tasks/${taskId}/claim`, { token: ion.token, body: {} });
    // when
    const byApi = await s.api(`/api/v1/tasks/${taskId}/assign`, { token: ana.token, body: { assignee: ana.email } });
    const byPage = await (await signInSession(s, ana.email, ana.password)).post(`/lucru/sarcini/${taskId}/repartizare`, { assignee: ana.email });
    // then
    expect(byApi.status).to.equal(409);
    expect(byApi.body.error.message).to.contain('ion@primarie.ro');
    expect(byPage.status).to.equal(409);
    expect((await s.api(`/api/v1/tasks/${taskId}`, { token: ion.token })).body.assignee).to.equal('ion@primarie.ro');
    const byHolder = await s.api(`/api/v1/tasks/${taskId}/assign`, { token: ion.token, body: { assignee: ana.email } });
    expect(byHolder.status).to.equal(200);
    const admin = await s.user('admin@primarie.ro', 'admin');
    const byAdmin = await s.api(`/api/v1/tasks/${taskId}/assign`, { token: admin.token, body: { assignee: ion.email } });
    expect(byAdmin.status).to.equal(200);
    expect(byAdmin.body.assignee).to.equal('ion@primarie.ro');
  });

  it('leaves a task nobody holds as it is when asked to release it, recording nothing', async () => {
    const { ana, taskId } = await setup();
    const before = (await s.api(`/api/v1/tasks/${taskId}`, { token: ana.token })).body;
    const released = await s.api(`/api/v1/tasks/${taskId}/unclaim`, { token: ana.token, body: {} });
    expect(released.status).to.equal(200);
    expect(released.body.id).to.equal(taskId);
    const events = await t.db.query<{ type: string }>("select x.item ->> 'type' as type from events, jsonb_array_elements(items) as x(item) where x.item ->> 'type' like 'task.%claimed' or x.item ->> 'type' = 'task.reassigned'");
    expect(events).to.have.length(0);
    expect(before.assignee ?? null).to.equal(null);
  });
});
