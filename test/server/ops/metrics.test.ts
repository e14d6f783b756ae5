import { expect } from 'chai';
import { countExecutorRun } from '../../../server/ops/metrics.ts';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const TOKEN = 'metrici-secrete-0123456789';

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

    it('reports the jobs and timers the executor ran', async () => {
      const read = async () => Number(/^dosar_jobs_run_total (\d+)$/m.exec(await (await scrape()).text())?.[1]);
      const before = await read();
      countExecutorRun({ jobs: 3, timers: 1 });
      expect(await read()).to.equal(before + 3);
    });
  });
});
