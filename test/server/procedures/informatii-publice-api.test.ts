import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const REQUEST = { nume: 'Maria Ionescu', email: 'maria@exemplu.ro', informatiiSolicitate: 'Salariile consilierilor locali în 2026.', format: 'electronic' };

/**
 * Legea 544/2001 through the JSON API: a reasoned refusal (art. 7 alin. (2)) and the administrative
 * complaint against it (art. 21) on the same request, each with its registered document.
 */
describe('informatii-publice: refusal and administrative complaint on the same request', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  // Mon 26 April 2027; Easter 2027 is Sunday 2 May, Children's Day Tuesday 1 June.
  beforeEach(async () => { s = await startTestServer(t.db, '2027-04-26T07:00:00Z'); });
  afterEach(async () => { await s.close(); });

  async function openTask(token: string, group: string, elementId: string): Promise<{ id: string; due: string | null }> {
    const { tasks } = (await s.api(`/api/v1/tasks?group=${group}`, { token })).body as { tasks: Array<{ id: string; elementId: string; due: string | null }> };
    const task = tasks.find((x) => x.elementId === elementId);
    expect(task, `${elementId} in ${group}`).to.not.equal(undefined);
    return task!;
  }

  it('registers the refusal, suspends the clock while a complaint may come, and answers the complaint within 15 days', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura', 'informare-publica']);
    const head = await s.user('primar@primarie.ro', 'clerk', ['conducere']);
    const filed = await s.api('/api/v1/procedures/informatii-publice/requests', { token: citizen.token, body: REQUEST });
    expect(filed.status).to.equal(201);
    // Mon 04-26 + 10 = Thu 2027-05-06 (a working day)
    expect(filed.body).to.include({ registrationNumber: '1/26.04.2027', dueDate: '2027-05-06' });

    s.clock.set('2027-04-28T07:00:00Z');
    const analiza = await openTask(clerk.token, 'informare-publica', 'analiza');
    const refused = await s.api(`/api/v1/tasks/${analiza.id}/complete`, { token: clerk.token, body: { data: { decizie: 'refuz', motivareRefuz: 'Datele privesc viața privată (art. 12 alin. (1) lit. d)).' } } });
    expect(refused.status).to.equal(200);
    expect(refused.body.document).to.equal(undefined);

    // 5 days from registration (art. 7 alin. (2)): Mon 04-26 + 5 = Sat 05-01 (Labour Day); 05-02 Easter, 05-03 Easter Monday -> Tue 2027-05-04
    const refusal = await openTask(clerk.token, 'registratura', 'trimitereRefuz');
    expect(refusal.due).to.equal('2027-05-04T20:59:59.999Z');
    const sent = await s.api(`/api/v1/tasks/${refusal.id}/complete`, { token: clerk.token, body: { data: { semnatar: 'Ana Registratură' } } });
    expect(sent.body.document.registrationNumber).to.equal('IEȘ-1/28.04.2027');

    const waiting = (await s.api(`/api/v1/requests/${filed.body.id}`, { token: citizen.token })).body;
    expect(waiting.clock.state).to.equal('suspended');
    expect(waiting.documents.map((d: { title: string }) => d.title)).to.deep.equal(['Refuz motivat al solicitării nr. 1/26.04.2027']);

    // The complaint comes in on Mon 2027-05-17 and is recorded on the same request.
    s.clock.set('2027-05-17T07:00:00Z');
    const complaint = await s.api('/api/v1/messages', { token: clerk.token, body: { name: 'reclamatie-administrativa', requestId: filed.body.id, data: { motivReclamatie: 'Salariile sunt publice (art. 5).' } } });
    expect(complaint.status).to.equal(200);
    expect(complaint.body.started).to.equal(false);

    // +15 = Tue 06-01 (Children's Day) -> Wed 2027-06-02 (art. 21 alin. (3))
    const answer = await openTask(head.token, 'conducere', 'solutionareReclamatie');
    expect(answer.due).to.equal('2027-06-02T20:59:59.999Z');
    const answered = await s.api(`/api/v1/tasks/${answer.id}/complete`, { token: head.token, body: { data: { intemeiata: true, raspunsReclamatie: 'Reclamația este întemeiată: salariile sunt publicate pe site.', semnatar: 'Primarul' } } });
    expect(answered.body.document.registrationNumber).to.equal('IEȘ-2/17.05.2027');

    const done = (await s.api(`/api/v1/requests/${filed.body.id}`, { token: citizen.token })).body;
    expect(done.status).to.equal('completed');
    expect(done.documents).to.have.length(2);
    const html = await (await s.api(done.documents[1].html, { token: citizen.token })).body as string;
    expect(html).to.contain('întemeiată').and.to.contain('1/26.04.2027');
  });
});
