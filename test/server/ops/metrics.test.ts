import { expect } from 'chai';
import { countExecutorRun } from '../../../server/ops/metrics.ts';
import { useTestDatabase } from '../../support/database.ts';
import { earlyWarningWorld } from '../../support/early-warning-fixture.ts';
import { PETITION } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const TOKEN = 'metrici-secrete-0123456789';

/** A service task (a job due at once) and, beside it, a timer due an hour after the start. */
const JOB_AND_TIMER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dosar="http://dosar.ro/schema/bpmn" id="d" targetNamespace="http://dosar.ro/test">
  <bpmn:process id="metrici-test" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:parallelGateway id="split" />
    <bpmn:serviceTask id="work" dosar:handler="noop" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="worked" />
    <bpmn:endEvent id="waited" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
    <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="work" />
    <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="wait" />
    <bpmn:sequenceFlow id="f4" sourceRef="work" targetRef="worked" />
    <bpmn:sequenceFlow id="f5" sourceRef="wait" targetRef="waited" />
  </bpmn:process>
</bpmn:definitions>`;

/** The value of one series (name with its labels, as written) in a scrape. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(t.db);
    s.ctx.config.metricsToken = TOKEN;
  });
  afterEach(async () => { await s.close(); });

  const scrape = () => fetch(`${s.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });

  describe('when DOSAR_METRICS_TOKEN is not set', () => {
    it('does not exist (404), even with a bearer token', async () => {
      delete s.ctx.config.metricsToken;
      expect((await scrape()).status).to.equal(404);
    });
  });

  describe('when the token is missing or wrong', () => {
    it('answers 401 without a token', async () => {
      const res = await s.api('/metrics');
      expect(res.status).to.equal(401);
      expect(res.body.error.code).to.equal('unauthorized');
    });

    it('answers 401 with another token, or the token as a session would send it', async () => {
      expect((await s.api('/metrics', { token: `${TOKEN}x` })).status).to.equal(401);
      expect((await s.api('/metrics', { headers: { authorization: TOKEN } })).status).to.equal(401);
    });

    it('does not accept a citizen\'s API token', async () => {
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      expect((await s.api('/metrics', { token: citizen.token })).status).to.equal(401);
    });
  });

  describe('when Prometheus scrapes with the token', () => {
    it('answers the text format', async () => {
      const res = await scrape();
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('text/plain; version=0.0.4; charset=utf-8');
      expect(await res.text()).to.match(/^# HELP /m);
    });

    it('times requests by route pattern and status class, never by their URL', async () => {
      // given a request for a request id that does not exist
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const id = '0b6f3c1e-4a39-4c8e-9f1d-2a7b5c9d8e10';
      expect((await s.api(`/api/v1/requests/${id}`, { token: citizen.token })).status).to.equal(404);
      // when
      const text = await (await scrape()).text();
      // then
      expect(text).to.match(/^dosar_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/requests\/:id",status="4xx"\} 1$/m);
      expect(text).not.to.include(id);
    });

    it('counts open and overdue tasks per department, as of the engine\'s clock', async () => {
      // given two petitions waiting for triage at registratura (5 days' term)
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      for (let i = 0; i < 2; i++) expect((await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION })).status).to.equal(201);
      // when
      const before = await (await scrape()).text();
      s.clock.advance(30 * 86_400_000);
      const after = await (await scrape()).text();
      // then
      expect(before).to.match(/^dosar_open_tasks\{department="registratura"\} 2$/m);
      expect(before).to.match(/^dosar_overdue_tasks\{department="registratura"\} 0$/m);
      expect(after).to.match(/^dosar_overdue_tasks\{department="registratura"\} 2$/m);
    });

    it('counts the engine steps this process committed', async () => {
      const read = async () => valueOf(await (await scrape()).text(), 'dosar_engine_steps_total')!;
      const before = await read();
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      expect((await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION })).status).to.equal(201);
      expect(await read()).to.be.greaterThan(before);
    });

    it('reports how long the oldest due job and the oldest due timer have waited, 0 once run', async () => {
      // given an instance with a job due at once and a timer due an hour later, and no executor
      await s.ctx.engine.deploy(JOB_AND_TIMER);
      await s.ctx.engine.start('metrici-test');
      const atStart = await (await scrape()).text();
      // when two hours pass
      s.clock.advance(2 * 3_600_000);
      const late = await (await scrape()).text();
      await s.ctx.engine.tick();
      const caughtUp = await (await scrape()).text();
      // then
      expect(valueOf(atStart, 'dosar_job_lag_seconds')).to.equal(0);
      expect(valueOf(atStart, 'dosar_timer_lag_seconds')).to.equal(0);
      expect(valueOf(late, 'dosar_job_lag_seconds')).to.equal(7200);
      expect(valueOf(late, 'dosar_timer_lag_seconds')).to.equal(3600);
      expect(valueOf(caughtUp, 'dosar_job_lag_seconds')).to.equal(0);
      expect(valueOf(caughtUp, 'dosar_timer_lag_seconds')).to.equal(0);
    });

    it('counts open requests past their legal term per department, not suspended or later ones', async () => {
      // given urbanism: one overdue, one suspended, three due later; taxe: one due later (seen on Mon 14 Dec)
      await earlyWarningWorld(s);
      // when
      const text = await (await scrape()).text();
      // then
      expect(valueOf(text, 'dosar_overdue_requests{department="urbanism"}')).to.equal(1);
      expect(valueOf(text, 'dosar_overdue_requests{department="taxe"}')).to.equal(0);
    });

    it('reports the database connections in use, idle and waited for', async () => {
      const text = await (await scrape()).text();
      expect(valueOf(text, 'dosar_db_pool_connections{state="total"}')).to.be.at.least(1);
      expect(valueOf(text, 'dosar_db_pool_connections{state="idle"}')).to.be.at.least(0);
      expect(valueOf(text, 'dosar_db_pool_connections{state="waiting"}')).to.equal(0);
    });

    it('reports the jobs and timers the executor ran', async () => {
      const read = async () => Number(/^dosar_jobs_run_total (\d+)$/m.exec(await (await scrape()).text())?.[1]);
      const before = await read();
      countExecutorRun({ jobs: 3, timers: 1 });
      expect(await read()).to.equal(before + 3);
    });
  });
});
