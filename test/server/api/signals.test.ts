import { expect } from 'chai';
import { bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const WAITING = bpmn(`<bpmn:signal id="s" name="lege-noua" />
<bpmn:process id="asteapta-lege" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
  <bpmn:userTask id="review" dosar:candidateGroups="registratura" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="wait" />
  <bpmn:sequenceFlow id="f1" sourceRef="wait" targetRef="review" />
  <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
</bpmn:process>`);

describe('POST /api/v1/signals/{name}', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;
  let ids: string[];

  beforeEach(async () => {
    s = await startTestServer(t.db);
    await s.ctx.engine.deploy(WAITING);
    ids = [(await s.ctx.engine.start('asteapta-lege')).id, (await s.ctx.engine.start('asteapta-lege')).id];
  });
  afterEach(async () => { await s.close(); });

  const active = async (id: string) => (await s.ctx.engine.getInstance(id)).active;

  describe('when an analyst broadcasts a signal', () => {
    it('delivers it with its data to every waiting instance and says how many', async () => {
      // given
      const elena = await s.user('elena@primarie.ro', 'analyst');
      // when
      const res = await s.api('/api/v1/signals/lege-noua', { token: elena.token, body: { data: { hcl: 'HCL 12/2026' } } });
      // then
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.deep.equal({ signalName: 'lege-noua', deliveries: 2 });
      for (const id of ids) expect(await active(id)).to.deep.equal(['review']);
      expect((await s.ctx.engine.getInstance(ids[0]!)).variables).to.deep.equal({ hcl: 'HCL 12/2026' });
    });
  });

  describe('when a clerk tries to broadcast', () => {
    it('is refused and nothing moves', async () => {
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const res = await s.api('/api/v1/signals/lege-noua', { token: ana.token, body: {} });
      expect(res.status).to.equal(403);
      for (const id of ids) expect(await active(id)).to.deep.equal(['wait']);
    });
  });

  describe('when the data is not an object', () => {
    it('answers 400 in the reader\'s language and delivers nothing', async () => {
      const admin = await s.user('admin@primarie.ro', 'admin');
      const res = await s.api('/api/v1/signals/lege-noua?lang=en', { token: admin.token, body: { data: [1, 2] } });
      expect(res.status).to.equal(400);
      expect(res.body.error).to.include({ code: 'bad-input', message: 'The signal\'s variables (data) must be an object.' });
      for (const id of ids) expect(await active(id)).to.deep.equal(['wait']);
    });
  });
});
