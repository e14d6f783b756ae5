import { expect } from 'chai';
import { seedArchive } from '../../support/archive.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/**
 * copie-arhiva through the API: a citizen asks for a copy of an archived document; the registry
 * finds it, issues the certified copy to the request and answers, within 30 days (OG 27/2002 art. 8).
 */
describe('copie-arhiva through the API', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  // Mon 2 March 2026: 30 days end on Wed 1 April 2026.
  beforeEach(async () => { s = await startTestServer(t.db, '2026-03-02T08:00:00Z'); });
  afterEach(async () => { await s.close(); });

  it('is due in 30 days, and answers with the certified copy issued to the request', async () => {
    const archive = await seedArchive(t.db, s.ctx.files.archive);
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const filed = await s.api('/api/v1/procedures/copie-arhiva/requests', {
      token: citizen.token, body: { nume: 'Maria Ionescu', email: 'maria@exemplu.ro', document: 'Autorizația de construire pentru garaj, 1998', an: 1998 },
    });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    expect(filed.body.dueDate).to.equal('2026-04-01');

    const copy = await s.api(`/api/v1/archive/documents/${archive.plainDocId}/certified-copy`, { token: clerk.token, body: { requestId: filed.body.id } });
    expect(copy.status, JSON.stringify(copy.body)).to.equal(201);
    const { tasks } = (await s.api('/api/v1/tasks?group=registratura', { token: clerk.token })).body as { tasks: Array<{ id: string; elementId: string; instanceId: string }> };
    const task = tasks.find((x) => x.elementId === 'eliberare');
    expect(task).to.not.equal(undefined);
    const done = await s.api(`/api/v1/tasks/${task!.id}/complete`, { token: clerk.token, body: { data: { gasit: true, raspuns: 'Vă transmitem copia certificată a autorizației.', semnatar: 'Ana Registratură' } } });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);

    const view = (await s.api(`/api/v1/requests/${filed.body.id}`, { token: citizen.token })).body;
    expect(view.status).to.equal('completed');
    expect(view.documents).to.have.length(2);
    const answer = await t.db.query<{ html: string }>("select html from documents where request_id = $1 and kind = 'raspuns'", [filed.body.id]);
    expect(answer[0]!.html).to.contain('copia certificată vă este eliberată').and.to.contain('Autorizația de construire pentru garaj, 1998');
  });

  it('refuses a request without the document it asks for', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const res = await s.api('/api/v1/procedures/copie-arhiva/requests', { token: citizen.token, body: { nume: 'Maria Ionescu', email: 'maria@exemplu.ro' } });
    expect(res.status).to.equal(422);
    expect(res.body.error.details.map((d: { pointer: string }) => d.pointer)).to.include('/document');
  });
});
