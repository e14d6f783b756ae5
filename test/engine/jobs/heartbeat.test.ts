import { expect } from 'chai';
import { systemClock } from '../../../engine/clock.ts';
import { DEFAULT_LEASE_MS, Engine } from '../../../engine/engine.ts';
import { builtInHandlers, type HandlerRegistry } from '../../../engine/jobs/handlers.ts';
import type { EnginePort } from '../../../engine/ports.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

const model = bpmn(`<bpmn:process id="beat" isExecutable="true">
  <bpmn:startEvent id="s" />
  <bpmn:serviceTask id="work" dosar:handler="work" />
  <bpmn:endEvent id="e" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
  <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" />
</bpmn:process>`);

const LEASE_MS = 600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until the handler has started (on a loaded machine a claim can take far longer than 50 ms). */
async function started(handler: () => unknown): Promise<void> {
  while (handler() === undefined) await sleep(10);
}

/** The job lease's heartbeat, on the real clock: two engines stand for two processes. */
describe('job lease heartbeat', function () {
  this.timeout(30_000);
  const t = useTestDatabase();
  let runs: string[];
  let extensions: number;

  function engineFor(workerId: string, handlers: HandlerRegistry, leaseMs: number | null = LEASE_MS): Engine {
    const port = createEnginePort(t.db);
    // Counts the heartbeat's statements (the port's methods are closures: a copy keeps them working).
    const counting: EnginePort = { ...port, extendJobLeases: (...args) => { extensions += 1; return port.extendJobLeases(...args); } };
    return new Engine({ store: counting, clock: systemClock, handlers, workerId, ...(leaseMs === null ? {} : { leaseMs }) });
  }
  const handlersWith = (run: () => Promise<Record<string, string>>) => builtInHandlers().register({ name: 'work', optionsSchema: { type: 'object' }, run: async ({ job }) => { runs.push(job.id); return run(); } });
  const completedEvents = async () => (await t.db.query<{ n: number }>("select count(*)::int as n from events, jsonb_array_elements(items) as x(item) where x.item ->> 'type' = 'job.completed'"))[0]!.n;

  beforeEach(async () => {
    runs = [];
    extensions = 0;
    await engineFor('setup', handlersWith(async () => ({}))).deploy(model);
  });

  it('leases jobs for 30 seconds by default', async () => {
    // given an engine without a lease setting, whose handler reads its own lease
    let leasedUntil: Date | undefined;
    const handlers = builtInHandlers().register({
      name: 'work',
      optionsSchema: { type: 'object' },
      run: async ({ job }) => { leasedUntil = (await t.db.query<{ locked_until: Date }>('select locked_until from jobs where id = $1', [job.id]))[0]!.locked_until; },
    });
    const engine = engineFor('w1', handlers, null);
    await engine.start('beat');
    const before = Date.now();
    // when it claims and runs the job
    expect(await engine.runJobs(10)).to.equal(1);
    const after = Date.now();
    // then the lease ended 30 s after the claim, which happened between before and after, not minutes
    expect(DEFAULT_LEASE_MS).to.equal(30_000);
    const until = new Date(leasedUntil!).getTime();
    expect(until - before).to.be.at.least(29_000);
    expect(until - after).to.be.at.most(31_000);
  });

  describe('when a handler runs longer than the lease', () => {
    it('keeps the lease, so another worker does not take the job over', async () => {
      // given a worker whose handler runs for four leases
      const slow = engineFor('slow', handlersWith(async () => { await sleep(4 * LEASE_MS); return { by: 'slow' }; }));
      const other = engineFor('other', handlersWith(async () => ({ by: 'other' })));
      const { id } = await slow.start('beat');
      const running = slow.runJobs(10);
      // when another worker polls all that time
      let takenOver = 0;
      for (let i = 0; i < 20; i++) {
        await sleep(LEASE_MS / 4);
        takenOver += await other.runJobs(10);
      }
      // then it never ran the job; the slow worker completed it once
      expect(await running).to.equal(1);
      expect(takenOver).to.equal(0);
      expect(runs).to.have.length(1);
      expect((await slow.getInstance(id)).variables).to.deep.equal({ by: 'slow' });
      expect(await completedEvents()).to.equal(1);
      expect(extensions, 'renewed by its heartbeat').to.be.greaterThan(2);
    });

    it('does not record the outcome once another worker has taken the job over', async () => {
      // given a worker whose handler waits until released
      let release!: () => void;
      const slow = engineFor('slow', handlersWith(() => new Promise((resolve) => { release = () => resolve({ by: 'slow' }); })));
      const other = engineFor('other', handlersWith(async () => ({ by: 'other' })));
      const { id } = await slow.start('beat');
      const running = slow.runJobs(10);
      await started(() => release);
      // when its lease runs out unseen (say its process stalled) and another worker takes the job and completes it
      await t.db.query("update jobs set locked_until = now() - interval '1 second'");
      expect(await other.runJobs(10)).to.equal(1);
      await sleep(LEASE_MS);
      release();
      // then the first worker gives up quietly: the job was completed once, by the other worker
      expect(await running).to.equal(1);
      expect(runs).to.have.length(2);
      expect((await other.getInstance(id)).variables).to.deep.equal({ by: 'other' });
      expect(await completedEvents()).to.equal(1);
    });

    it('does not leave a failure on a job another worker took over', async () => {
      // given a worker whose handler fails once released
      let release!: () => void;
      const failing = engineFor('failing', handlersWith(() => new Promise((_resolve, reject) => { release = () => reject(new Error('too late')); })));
      await failing.start('beat');
      const running = failing.runJobs(10);
      await started(() => release);
      // when another worker has claimed the job meanwhile
      await t.db.query("update jobs set locked_until = now() - interval '1 second'");
      const [claimed] = await createEnginePort(t.db).claimJobs({ now: new Date(), limit: 1, workerId: 'thief', leaseMs: 60_000 });
      expect(claimed).to.not.equal(undefined);
      await sleep(LEASE_MS);
      release();
      await running;
      // then the job stays the other worker's, with no error and no retry counted against it
      const [row] = await t.db.query<{ locked_by: string; last_error: string | null; retries_left: number }>('select locked_by, last_error, retries_left from jobs');
      expect(row).to.include({ locked_by: 'thief', last_error: null, retries_left: claimed!.retries });
    });
  });

  describe('when a job waited behind a slow handler until its lease was nearly out', () => {
    it('gives it back instead of running it, so it runs once', async () => {
      // given a worker that claimed two jobs at once, the first it runs with a handler slower than the lease
      const byJob = new Map<string, string[]>();
      const handlers = (who: string) => builtInHandlers().register({
        name: 'work',
        optionsSchema: { type: 'object' },
        run: async ({ job }) => {
          const first = byJob.size === 0;
          byJob.set(job.id, [...(byJob.get(job.id) ?? []), who]);
          if (first) await sleep(3 * LEASE_MS);
          return { by: who };
        },
      });
      const slow = engineFor('slow', handlers('slow'));
      const other = engineFor('other', handlers('other'));
      const ids = [(await slow.start('beat')).id, (await slow.start('beat')).id];
      const running = slow.runJobs(10);
      // when another worker polls meanwhile
      for (let i = 0; i < 16; i++) {
        await sleep(LEASE_MS / 4);
        await other.runJobs(10);
      }
      await running;
      // then every job ran once and both instances completed
      expect([...byJob.values()].map((who) => who.length)).to.deep.equal([1, 1]);
      for (const id of ids) expect((await slow.getInstance(id)).status).to.equal('completed');
      expect(await completedEvents()).to.equal(2);
    });
  });

  describe('when handlers are quick', () => {
    it('does not renew any lease', async () => {
      // given a worker with quick handlers
      const quick = engineFor('quick', handlersWith(async () => ({})));
      for (let i = 0; i < 20; i++) await quick.start('beat');
      // when it runs them all
      expect(await quick.runJobs(100)).to.equal(20);
      await sleep(LEASE_MS / 2);
      // then the heartbeat never spoke to the database
      expect(extensions).to.equal(0);
    });
  });
});
