import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { deployMessageProcedures } from '../../support/message-procedures.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const UNKNOWN_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('POST /api/v1/messages', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => {
    s = await startTestServer(t.db);
    await deployMessageProcedures(s);
  });
  afterEach(async () => { await s.close(); });

  async function people() {
    return {
      maria: await s.user('maria@exemplu.ro', 'citizen'),
      ana: await s.user('ana@primarie.ro', 'clerk', ['registratura']),
      dan: await s.user('dan@primarie.ro', 'clerk', ['taxe']),
      elena: await s.user('elena@primarie.ro', 'analyst'),
      admin: await s.user('admin@primarie.ro', 'admin'),
    };
  }

  async function submit(token: string): Promise<{ id: string; registrationNumber: string }> {
    const res = await s.api('/api/v1/procedures/acte/requests', { token, body: { nume: 'Maria Ionescu' } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body;
  }

  const send = (token: string, body: Record<string, unknown>) => s.api('/api/v1/messages', { token, body: { name: 'acte-primite', data: { pagini: 3 }, ...body } });
  const waiting = async (requestId: string) => {
    const [row] = await t.db.query<{ n: number }>("select count(*)::int as n from subscriptions s join requests r on r.instance_id = s.instance_id where r.id = $1 and s.message_name = 'acte-primite'", [requestId]);
    return row!.n;
  };

  describe('when a clerk names a request of their department', () => {
    it('delivers the message by request id and by registration number', async () => {
      // given
      const { maria, ana } = await people();
      const first = await submit(maria.token);
      const second = await submit(maria.token);
      // when
      const byId = await send(ana.token, { requestId: first.id });
      const byNumber = await send(ana.token, { businessKey: second.registrationNumber });
      // then
      expect(byId.status, JSON.stringify(byId.body)).to.equal(200);
      expect(byId.body.started).to.equal(false);
      expect(byNumber.status, JSON.stringify(byNumber.body)).to.equal(200);
      expect(await waiting(first.id)).to.equal(0);
      expect(await waiting(second.id)).to.equal(0);
      const view = await s.api(`/api/v1/requests/${second.id}`, { token: ana.token });
      expect(view.body.history.map((e: { type: string }) => e.type)).to.include('message.correlated');
    });
  });

  describe('when a clerk names a request of another department', () => {
    it('does not deliver it, and answers exactly as for a request that does not exist', async () => {
      // given
      const { maria, dan } = await people();
      const request = await submit(maria.token);
      // when
      const byId = await send(dan.token, { requestId: request.id });
      const byNumber = await send(dan.token, { businessKey: request.registrationNumber });
      // then
      const noId = await send(dan.token, { requestId: UNKNOWN_ID });
      const noNumber = await send(dan.token, { businessKey: '999/02.03.2026' });
      // Every error body carries its own request's id; everything else must be the same.
      const same = (body: { error: Record<string, unknown> }) => ({ error: { ...body.error, requestId: undefined } });
      expect(byId.status).to.equal(404);
      expect(same(byId.body)).to.deep.equal(same(noId.body));
      expect(byNumber.status).to.equal(404);
      expect(same(byNumber.body)).to.deep.equal(same({ error: { ...noNumber.body.error, message: noNumber.body.error.message.replace('999/02.03.2026', request.registrationNumber) } }));
      expect(await waiting(request.id)).to.equal(1);
    });
  });

  describe('when a business key belongs to no request', () => {
    it('lets a clerk reach an instance started without a request only when one of its tasks is in their department', async () => {
      const { ana, dan } = await people();
      const started = await s.ctx.engine.start('acte', { businessKey: 'REG-CLI-7' });
      const refused = await send(dan.token, { businessKey: 'REG-CLI-7' });
      expect(refused.status).to.equal(404);
      expect(refused.body.error.code).to.equal('message-not-correlated');
      const delivered = await send(ana.token, { businessKey: 'REG-CLI-7' });
      expect(delivered.status).to.equal(200);
      expect(delivered.body).to.deep.equal({ instanceId: started.id, started: false });
    });

    it('does not let a clerk start an instance by a message start event, answering as when nothing waits; an admin may', async () => {
      const { ana, admin } = await people();
      const byClerk = await s.api('/api/v1/messages', { token: ana.token, body: { name: 'sesizare-noua', businessKey: 'PORTAL-1' } });
      expect(byClerk.status).to.equal(404);
      expect(byClerk.body.error.code).to.equal('message-not-correlated');
      expect(await t.db.query("select id from instances where key = 'sesizare-portal'")).to.have.length(0);
      const byAdmin = await s.api('/api/v1/messages', { token: admin.token, body: { name: 'sesizare-noua', businessKey: 'PORTAL-1' } });
      expect(byAdmin.status).to.equal(200);
      expect(byAdmin.body.started).to.equal(true);
    });

    it('lets an admin start a procedure by its message with no key at all, and a clerk not', async () => {
      const { ana, admin } = await people();
      const byClerk = await s.api('/api/v1/messages', { token: ana.token, body: { name: 'sesizare-noua' } });
      expect(byClerk.status).to.equal(400);
      const byAdmin = await s.api('/api/v1/messages', { token: admin.token, body: { name: 'sesizare-noua', data: { canal: 'telefon' } } });
      expect(byAdmin.status).to.equal(200);
      expect(byAdmin.body.started).to.equal(true);
      const [row] = await t.db.query<{ business_key: string | null }>('select business_key from instances where id = $1', [byAdmin.body.instanceId]);
      expect(row!.business_key).to.equal(null);
      const nothing = await s.api('/api/v1/messages', { token: admin.token, body: { name: 'acte-primite' } });
      expect(nothing.status).to.equal(404);
      expect(nothing.body.error.message).to.contain('name the instance or its business key');
    });
  });

  describe('when an admin sends it', () => {
    it('delivers it to any request', async () => {
      const { maria, admin } = await people();
      const request = await submit(maria.token);
      expect((await send(admin.token, { businessKey: request.registrationNumber })).status).to.equal(200);
      expect(await waiting(request.id)).to.equal(0);
    });
  });

  describe('when anyone else sends it', () => {
    it('refuses citizens, the request\'s own included, and analysts', async () => {
      const { maria, elena } = await people();
      const request = await submit(maria.token);
      for (const token of [maria.token, elena.token]) {
        const res = await send(token, { requestId: request.id });
        expect(res.status).to.equal(403);
      }
      expect((await s.api('/api/v1/messages', { body: { name: 'acte-primite', requestId: request.id } })).status).to.equal(401);
      expect(await waiting(request.id)).to.equal(1);
    });
  });
});
