import { expect } from 'chai';
import { TIMED_KEY, TIMED_PACKAGE } from '../../reliability/load.ts';
import { createInstallation, killAllServerProcesses, postgresConfigured, type Installation, type ServerProcess } from '../../support/server-process.ts';
import { signInSession, type TestServer } from '../../support/server.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm start` processes of each role (DOSAR_PROCESS) on one PostgreSQL: what one process does,
 * the others see at once (deploys, sessions), and the work of timers and jobs goes to the
 * processes that run the executor, whichever process took the request.
 */
describe('process roles on one PostgreSQL', function () {
  this.timeout(240_000);
  let inst: Installation;

  before(async function () {
    if (!postgresConfigured()) {
      console.log('    skipped: several processes need a shared PostgreSQL (set DATABASE_URL); PGlite is single-process');
      this.skip();
    }
    inst = await createInstallation();
  });
  after(async () => { killAllServerProcesses(); await inst?.destroy(); });

  const call = async (base: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(base + path, { method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as Record<string, unknown> & { id?: string } };
  };
  const versionOf = async (requestId: string) => {
    const [row] = await inst.db().query<{ version: number }>('select i.version from requests r join engine_instances_v i on i.id = r.instance_id where r.id = $1', [requestId]);
    return row!.version;
  };
  const timedLeft = async () => (await inst.db().query<{ n: number }>("select count(*)::int as n from instances where key = $1 and status <> 'completed'", [TIMED_KEY]))[0]!.n;

  it('shares deploys and sessions; timers and jobs run only where an executor runs, and never twice', async () => {
    // given a web-only process and a full one
    const web: ServerProcess = await inst.start({ env: { DOSAR_PROCESS: 'web' } });
    const full: ServerProcess = await inst.start();
    const analyst = await inst.account('elena@primarie.ro', 'analyst');
    const citizen = await inst.account('maria@exemplu.ro', 'citizen');

    // when a procedure is deployed through the web process, and a request started on the full one
    expect((await call(web.base, '/api/v1/definitions', analyst.token, TIMED_PACKAGE)).status).to.equal(201);
    const first = await call(full.base, `/api/v1/procedures/${TIMED_KEY}/requests`, citizen.token, { subiect: 'întâi' });
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(await versionOf(first.body.id!)).to.equal(1);
    // and a second version is deployed through the web process
    const v2 = { ...TIMED_PACKAGE, meta: { ...TIMED_PACKAGE.meta, title: { ro: 'Încercare, versiunea 2', en: 'Trial, version 2' } } };
    expect((await call(web.base, '/api/v1/definitions', analyst.token, v2)).status).to.equal(201);
    // then the full process starts the next request on it, without a restart, and lists its new title
    const second = await call(full.base, `/api/v1/procedures/${TIMED_KEY}/requests`, citizen.token, { subiect: 'apoi' });
    expect(second.status).to.equal(201);
    expect(await versionOf(second.body.id!)).to.equal(2);
    expect(JSON.stringify((await call(full.base, '/api/v1/procedures', citizen.token)).body)).to.contain('Încercare, versiunea 2');

    // and a session opened on one process is signed in on the other
    const signedIn = await signInSession({ base: web.base } as TestServer, 'maria@exemplu.ro', citizen.password);
    const onFull = await fetch(`${full.base}/cereri`, { headers: { cookie: signedIn.cookie }, redirect: 'manual' });
    expect(onFull.status).to.equal(200);
    expect(await onFull.text()).to.contain(String(first.body.registrationNumber));

    // when the full process stops, and requests keep coming through the web-only one
    await full.stop();
    for (let i = 0; i < 3; i++) expect((await call(web.base, `/api/v1/procedures/${TIMED_KEY}/requests`, citizen.token, { subiect: `doar web ${i}` })).status).to.equal(201);
    // then their timers (2 s) do not fire there
    await sleep(4_000);
    const [due] = await inst.db().query<{ n: number }>('select count(*)::int as n from timers where due_at < now()');
    expect(due!.n).to.be.at.least(3);
    expect(await timedLeft()).to.be.at.least(3);

    // when an executor-only process starts
    const executor = await inst.start({ env: { DOSAR_PROCESS: 'executor' } });
    // then it answers health checks and nothing of the web application
    expect((await fetch(`${executor.base}/health`)).status).to.equal(200);
    expect((await fetch(`${executor.base}/health/ready`)).status).to.equal(200);
    expect((await fetch(`${executor.base}/api/v1/procedures`)).status).to.equal(404);
    expect((await fetch(`${executor.base}/`)).status).to.equal(404);
    // and it fires the timers and runs the jobs of every request, once each
    const began = Date.now();
    while ((await timedLeft()) > 0 && Date.now() - began < 30_000) await sleep(250);
    expect(await timedLeft()).to.equal(0);
    const twice = await inst.db().query("select x.item -> 'data' ->> 'timerId' as id from events, jsonb_array_elements(items) as x(item) where x.item ->> 'type' in ('timer.fired') group by 1 having count(*) > 1");
    expect(twice).to.deep.equal([]);
    await executor.stop();
    await web.stop();
  });
});
