import { expect } from 'chai';
import { bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const model = (key: string, condition: string) => bpmn(`
<bpmn:process id="${key}" isExecutable="true">
  <bpmn:startEvent id="cand"><bpmn:conditionalEventDefinition><bpmn:condition>${condition}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
  <bpmn:userTask id="review" dosar:candidateGroups="registratura" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f0" sourceRef="cand" targetRef="review" />
  <bpmn:sequenceFlow id="f1" sourceRef="review" targetRef="end" />
</bpmn:process>`);

describe('POST /api/v1/conditions', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => {
    s = await startTestServer(t.db);
    await s.ctx.engine.deploy(model('suma-mare', '=suma &gt; 1000'));
    await s.ctx.engine.deploy(model('suma-mica', '=suma &lt;= 1000'));
  });
  afterEach(async () => { await s.close(); });

  describe('when an analyst asks', () => {
    it('starts each procedure whose conditional start holds and lists them', async () => {
      // given
      const elena = await s.user('elena@primarie.ro', 'analyst');
      // when
      const res = await s.api('/api/v1/conditions', { token: elena.token, body: { variables: { suma: 5000 }, businessKey: 'RG-7' } });
      // then
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const started = (res.body as { started: Array<{ id: string; key: string; version: number; startEventId: string }> }).started;
      expect(started.map(({ key, version, startEventId }) => ({ key, version, startEventId }))).to.deep.equal([{ key: 'suma-mare', version: 1, startEventId: 'cand' }]);
      const instance = await s.ctx.engine.getInstance(started[0]!.id);
      expect(instance.businessKey).to.equal('RG-7');
      expect(instance.active).to.deep.equal(['review']);
    });

    it('answers an empty list when no condition holds', async () => {
      const admin = await s.user('admin@primarie.ro', 'admin');
      const res = await s.api('/api/v1/conditions', { token: admin.token, body: { variables: { alta: 1 } } });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ started: [] });
    });
  });

  describe('when someone else asks', () => {
    it('refuses without a session (401) and refuses a clerk (403)', async () => {
      const anonymous = await s.api('/api/v1/conditions', { body: { variables: { suma: 5000 } } });
      expect(anonymous.status).to.equal(401);
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const clerk = await s.api('/api/v1/conditions', { token: ana.token, body: { variables: { suma: 5000 } } });
      expect(clerk.status).to.equal(403);
    });
  });

  describe('when the body is wrong', () => {
    for (const [what, body] of [['variables not an object', { variables: [1] }], ['no variables', {}], ['an unknown field', { variables: {}, extra: 1 }], ['a business key not a text', { variables: {}, businessKey: 7 }]] as const) {
      it(`answers 400 for ${what}`, async () => {
        const admin = await s.user('admin@primarie.ro', 'admin');
        const res = await s.api('/api/v1/conditions?lang=en', { token: admin.token, body });
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        expect((res.body as { error: { code: string } }).error.code).to.equal('bad-input');
      });
    }
  });
});
