import { expect } from 'chai';
import { openDatabase } from '../../../engine/index.ts';
import { takeNumber } from '../../../server/registry/registry.ts';
import { testDatabaseKind, useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** A procedure whose gateway condition iterates a range as large as the citizen's `n`. */
function costlyModel(condition: string): string {
  return `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
    <bpmn:process id="costisitor" name="Costisitor" isExecutable="true">
      <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g"/>
      <bpmn:exclusiveGateway id="g" default="f2"/>
      <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="t"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="t"/>
      <bpmn:userTask id="t"/><bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
    </bpmn:process></bpmn:definitions>`;
}

describe('submitRequest', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;
  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  describe('when a condition is too costly', () => {
    it('answers expression-too-costly at once and writes nothing, not even a number', async () => {
      // given
      const analyst = await s.user('elena@primarie.ro', 'analyst');
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const deployed = await s.api('/api/v1/definitions', { token: analyst.token, body: costlyModel('count(for i in 1..n return i) &gt; 0'), headers: { 'content-type': 'application/xml' } });
      expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
      // when
      const refused = await s.api('/api/v1/procedures/costisitor/requests', { token: citizen.token, body: { n: 9_000_000 } });
      // then
      expect(refused.status).to.equal(422);
      expect(refused.body.error.code).to.equal('expression-too-costly');
      expect(refused.body.error.message, 'stopped by its size, before building the range').to.contain('enumerates more than');
      expect(await t.db.query('select id from requests')).to.deep.equal([]);
      expect(await t.db.query('select id from instances')).to.deep.equal([]);
      expect(await t.db.query('select last_number from registers')).to.deep.equal([]);
      const accepted = await s.api('/api/v1/procedures/costisitor/requests', { token: citizen.token, body: { n: 3 } });
      expect(accepted.status).to.equal(201);
      expect(accepted.body.registrationNumber).to.equal('1/02.03.2026');
    });

    it('refuses at deploy a literal range over the budget, on its flow', async () => {
      const analyst = await s.user('elena@primarie.ro', 'analyst');
      const refused = await s.api('/api/v1/definitions', { token: analyst.token, body: costlyModel('count(for i in 1..9000000 return i) &gt; 0'), headers: { 'content-type': 'application/xml' } });
      expect(refused.status).to.equal(422);
      expect(refused.body.error.problems).to.deep.include.members([{ code: 'expression-too-costly', elementId: 'f1', message: refused.body.error.problems.find((p: { code: string }) => p.code === 'expression-too-costly')?.message }]);
    });
  });

  describe('when a submission is accepted', () => {
    it('gives its number to the request, the instance business key and its registrationNumber variable', async () => {
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const res = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
      expect(res.status).to.equal(201);
      const [row] = await t.db.query<{ registration_number: string; business_key: string; variables: Record<string, unknown> }>(
        'select r.registration_number, i.business_key, i.variables from requests r join instances i on i.id = r.instance_id');
      expect(row).to.deep.include({ registration_number: res.body.registrationNumber, business_key: res.body.registrationNumber });
      expect(row!.variables.registrationNumber).to.equal(res.body.registrationNumber);
      const instance = await s.ctx.engine.getInstance((await t.db.query<{ instance_id: string }>('select instance_id from requests'))[0]!.instance_id);
      expect(instance.businessKey).to.equal(res.body.registrationNumber);
      expect(instance.variables.registrationNumber).to.equal(res.body.registrationNumber);
    });
  });

  describe('when the procedure waits for a message at once', () => {
    it('finds the request by its registration number as business key', async () => {
      // given
      const analyst = await s.user('elena@primarie.ro', 'analyst');
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const xml = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
        <bpmn:message id="m" name="acte"/>
        <bpmn:process id="asteptare" name="Așteptare" isExecutable="true">
          <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="r"/>
          <bpmn:receiveTask id="r" messageRef="m"/><bpmn:sequenceFlow id="f2" sourceRef="r" targetRef="e"/><bpmn:endEvent id="e"/>
        </bpmn:process></bpmn:definitions>`;
      expect((await s.api('/api/v1/definitions', { token: analyst.token, body: xml, headers: { 'content-type': 'application/xml' } })).status).to.equal(201);
      const submitted = (await s.api('/api/v1/procedures/asteptare/requests', { token: citizen.token, body: {} })).body;
      // when
      const correlated = await s.ctx.engine.correlate('acte', { businessKey: submitted.registrationNumber });
      // then
      expect((await s.ctx.engine.getInstance(correlated.instanceId)).status).to.equal('completed');
      expect(correlated.started).to.equal(false);
    });
  });

  describe('while the engine runs a submission', () => {
    it('does not hold the register: another connection takes a number meanwhile', async function () {
      if (testDatabaseKind() === 'pglite') this.skip(); // one connection: nothing else can run meanwhile
      // given: the engine's first step of a submission blocks until released
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const engine = s.ctx.engine;
      const realStart = engine.startEach.bind(engine);
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => { entered = resolve; });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => { release = resolve; });
      engine.startEach = async (...args: Parameters<typeof engine.startEach>) => {
        const started = await realStart(...args);
        entered();
        await gate;
        return started;
      };
      const other = await openDatabase({ url: process.env.DATABASE_URL!, schema: t.db.schema, poolSize: 2 });
      try {
        // when
        const submitting = s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
        await inside;
        const taken = await other.transaction(async (tx) => {
          await tx.query("set local lock_timeout = '2s'");
          return takeNumber(tx, 'intrari', s.clock.now());
        });
        release();
        const res = await submitting;
        // then
        expect(taken.number).to.equal(1);
        expect(res.status).to.equal(201);
        expect(res.body.registrationNumber).to.equal('2/02.03.2026');
      } finally {
        release();
        engine.startEach = realStart;
        await other.close();
      }
    });
  });
});
