import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { systemClock } from '../../../engine/clock.ts';
import { Engine } from '../../../engine/engine.ts';
import { builtInHandlers } from '../../../engine/jobs/handlers.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

const executor = fileURLToPath(new URL('./executor-process.ts', import.meta.url));
const LEASE_MS = 2000;

const model = bpmn(`<bpmn:process id="leased" isExecutable="true">
  <bpmn:startEvent id="s" />
  <bpmn:serviceTask id="work" dosar:handler="slow" />
  <bpmn:endEvent id="e" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
  <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" />
</bpmn:process>`);

interface Run { worker: number; what: string; at: Date }

/** Executor processes (as `npm start` runs them) on one PostgreSQL, with DOSAR_JOB_LEASE_MS set. */
describe('job leases across processes', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  const children: ChildProcess[] = [];

  before(function () {
    if (!process.env.DATABASE_URL) this.skip();
  });

  beforeEach(async () => {
    await t.db.query('create table if not exists handler_runs (job_id uuid, worker int not null, what text not null, at timestamptz not null default clock_timestamp())');
    await t.db.query('truncate handler_runs');
  });

  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  /** `handler`: how long the 'slow' handler runs, in ms, or 'wait' until the test releases it. */
  function startExecutorProcess(handler: number | 'wait'): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', executor, String(handler)], {
      env: { ...process.env, DOSAR_DB_SCHEMA: t.db.schema, DOSAR_JOB_LEASE_MS: String(LEASE_MS) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  }

  const runs = () => t.db.query<Run>('select worker, what, at from handler_runs order by at');
  async function waitFor(what: string, check: () => Promise<boolean>, ms: number): Promise<number> {
    const began = Date.now();
    while (!(await check())) {
      if (Date.now() - began > ms) throw new Error(`${what}: not within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return Date.now() - began;
  }
  const completed = async (id: string) => (await t.db.query<{ status: string }>('select status from instances where id = $1', [id]))[0]?.status === 'completed';
  const completions = async () => (await t.db.query<{ n: number }>("select count(*)::int as n from events, jsonb_array_elements(items) as x(item) where x.item ->> 'type' = 'job.completed'"))[0]!.n;

  async function startInstance(): Promise<string> {
    // The executor processes run the handler; this engine only deploys and starts, but deploy checks the name.
    const handlers = builtInHandlers().register({ name: 'slow', optionsSchema: { type: 'object' }, run: () => undefined });
    const engine = new Engine({ store: createEnginePort(t.db), clock: systemClock, handlers });
    await engine.deploy(model);
    return (await engine.start('leased')).id;
  }

  describe('when a worker is killed in the middle of a handler', () => {
    it('lets another worker complete the job within seconds', async () => {
      // given a worker running the job's handler
      const id = await startInstance();
      const doomed = startExecutorProcess('wait');
      await waitFor('the first worker starts the handler', async () => (await runs()).some((r) => r.worker === doomed.pid && r.what === 'started'), 30_000);
      // when it is killed with -9 and another worker is up
      doomed.kill('SIGKILL');
      const killedAt = Date.now();
      const heir = startExecutorProcess(0);
      await waitFor('the second worker is ready', async () => (await runs()).some((r) => r.worker === heir.pid && r.what === 'ready'), 30_000);
      // then the second worker completes the job once the short lease has run out
      await waitFor('the job is completed', () => completed(id), 3 * LEASE_MS);
      const tookMs = Date.now() - killedAt;
      const byHeir = (await runs()).filter((r) => r.worker === heir.pid && r.what === 'finished');
      expect(byHeir, 'completed by the second worker').to.have.length(1);
      expect(await completions()).to.equal(1);
      // (the old five-minute lease would have held it for 300 s; starting the second process takes seconds)
      expect(tookMs, 'delayed by the lease and a process start, not by minutes').to.be.below(60_000);
    });
  });

  describe('when a handler runs longer than the lease', () => {
    it('does not let another worker take the job over', async () => {
      // given a worker whose handler runs until released
      const id = await startInstance();
      const slow = startExecutorProcess('wait');
      await waitFor('the first worker starts the handler', async () => (await runs()).some((r) => r.worker === slow.pid && r.what === 'started'), 30_000);
      // when another worker polls for two leases more than the first lease lasted
      const other = startExecutorProcess(0);
      await waitFor('the other worker is ready', async () => (await runs()).some((r) => r.worker === other.pid && r.what === 'ready'), 30_000);
      await new Promise((resolve) => setTimeout(resolve, 2 * LEASE_MS));
      await t.db.query("insert into handler_runs (worker, what) values (0, 'release')");
      await waitFor('the job is completed', () => completed(id), 30_000);
      // then only the first worker ran the handler, once, and completed the job
      const all = await runs();
      const otherReady = all.find((r) => r.worker === other.pid && r.what === 'ready');
      const finished = all.find((r) => r.worker === slow.pid && r.what === 'finished');
      expect(otherReady, 'the other worker was polling').to.not.equal(undefined);
      const started = all.find((r) => r.worker === slow.pid && r.what === 'started');
      expect(finished!.at.getTime() - Math.max(otherReady!.at.getTime(), started!.at.getTime() + LEASE_MS), 'polling after the first lease would have run out').to.be.greaterThan(LEASE_MS);
      expect(all.filter((r) => r.what === 'started').map((r) => r.worker)).to.deep.equal([slow.pid]);
      expect(await completions()).to.equal(1);
    });
  });
});
