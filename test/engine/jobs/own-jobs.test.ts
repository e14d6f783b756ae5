import { expect } from 'chai';
import { Engine } from '../../../engine/engine.ts';
import { startExecutor } from '../../../engine/jobs/executor.ts';
import { builtInHandlers, type HandlerRegistry } from '../../../engine/jobs/handlers.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { MovableClock } from '../../support/clock.ts';
import { bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

const model = bpmn(`<bpmn:process id="own" isExecutable="true">
  <bpmn:startEvent id="s" />
  <bpmn:userTask id="review" />
  <bpmn:serviceTask id="notify" dosar:handler="notify" />
  <bpmn:endEvent id="e" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
  <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="notify" />
  <bpmn:sequenceFlow id="f3" sourceRef="notify" targetRef="e" />
</bpmn:process>`);

describe('jobs leased to the process whose step enqueued them', () => {
  const t = useTestDatabase();
  let clock: MovableClock;
  let ran: string[];
  let handlers: HandlerRegistry;

  const engineFor = (workerId: string) => new Engine({ store: createEnginePort(t.db), clock, handlers, workerId, leaseMs: 60_000 });
  const jobRow = async () => (await t.db.query<{ locked_by: string | null; attempts: number }>('select locked_by, attempts from jobs'))[0];

  async function reviewDone(engine: Engine): Promise<string> {
    const { id } = await engine.start('own');
    const [task] = await engine.listTasks({ instanceId: id });
    await engine.completeTask(task!.id, { ok: true });
    return id;
  }

  beforeEach(async () => {
    clock = new MovableClock(new Date('2026-05-04T08:00:00Z'));
    ran = [];
    handlers = builtInHandlers().register({ name: 'notify', optionsSchema: { type: 'object' }, run: ({ job }) => { ran.push(job.id); return { notified: true }; } });
    await engineFor('setup').deploy(model);
  });

  it('writes the job already leased to the worker, which runs it without a claim', async () => {
    // given a worker that runs its own jobs
    const worker = engineFor('w1');
    worker.leaseOwnJobs();
    // when its step reaches the service task
    const id = await reviewDone(worker);
    // then the job row is leased to it, so no other worker can claim it
    expect(await jobRow()).to.include({ locked_by: 'w1', attempts: 1 });
    expect(await engineFor('w2').runJobs(10)).to.equal(0);
    // and it runs the job from its own queue
    expect(await worker.runJobs(10)).to.equal(1);
    expect(ran).to.have.length(1);
    expect((await worker.getInstance(id)).status).to.equal('completed');
    expect(await t.db.query('select id from jobs')).to.have.length(0);
  });

  it('leaves jobs unleased for an engine that does not run its own', async () => {
    const engine = engineFor('cli');
    await reviewDone(engine);
    expect(await jobRow()).to.include({ locked_by: null, attempts: 0 });
    expect(await engineFor('w2').runJobs(10)).to.equal(1);
  });

  it('leases the jobs of a step inside a caller\'s transaction once that transaction has committed', async () => {
    const worker = engineFor('w1');
    let added = 0;
    worker.leaseOwnJobs(() => { added += 1; });
    const { id } = await worker.start('own');
    const [task] = await worker.listTasks({ instanceId: id });
    await t.db.transaction(async (tx) => {
      await worker.completeTask(task!.id, {}, createEnginePort(tx));
      expect(added, 'nothing to run before the commit').to.equal(0);
    });
    expect(added).to.equal(1);
    expect(await jobRow()).to.include({ locked_by: 'w1' });
    expect(await worker.runJobs(10)).to.equal(1);
    expect((await worker.getInstance(id)).status).to.equal('completed');
  });

  it('runs nothing of a step whose caller\'s transaction rolled back', async () => {
    const worker = engineFor('w1');
    worker.leaseOwnJobs();
    const { id } = await worker.start('own');
    const [task] = await worker.listTasks({ instanceId: id });
    const failed = await t.db.transaction(async (tx) => {
      await worker.completeTask(task!.id, {}, createEnginePort(tx));
      throw new Error('the caller changed its mind');
    }).catch((err: Error) => err.message);
    expect(failed).to.equal('the caller changed its mind');
    expect(await t.db.query('select id from jobs')).to.have.length(0);
    expect(await worker.runJobs(10)).to.equal(0);
    expect(ran).to.have.length(0);
    expect((await worker.getInstance(id)).active).to.deep.equal(['review']);
  });

  it('gives back the jobs it has not run when it stops leasing', async () => {
    const worker = engineFor('w1');
    worker.leaseOwnJobs();
    await reviewDone(worker);
    await worker.releaseOwnJobs();
    expect(await jobRow()).to.include({ locked_by: null, attempts: 0 });
    // any other worker claims it at once, without waiting for the lease to end
    expect(await engineFor('w2').runJobs(10)).to.equal(1);
    expect(await worker.runJobs(10), 'nothing left in its own queue').to.equal(0);
    expect(ran).to.have.length(1);
  });

  it('leaves a job whose lease is running out to the ordinary claim', async () => {
    const worker = engineFor('w1');
    worker.leaseOwnJobs();
    await reviewDone(worker);
    // when the lease has ended before the worker came to the job
    clock.advance(61_000);
    // then another worker claims it from the database, and the first does not run it again
    expect(await engineFor('w2').runJobs(10)).to.equal(1);
    expect(await worker.runJobs(10)).to.equal(0);
    expect(ran).to.have.length(1);
  });

  it('never runs a job that one of its own steps cancelled meanwhile', async () => {
    // given a service task a message can interrupt, its job leased to the worker
    await engineFor('setup').deploy(bpmn(`<bpmn:message id="m" name="stop" /><bpmn:process id="interruptible" isExecutable="true">
      <bpmn:startEvent id="s" /><bpmn:serviceTask id="notify" dosar:handler="notify" /><bpmn:endEvent id="e" />
      <bpmn:boundaryEvent id="stopped" attachedToRef="notify"><bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent><bpmn:endEvent id="e2" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="notify" /><bpmn:sequenceFlow id="f2" sourceRef="notify" targetRef="e" /><bpmn:sequenceFlow id="f3" sourceRef="stopped" targetRef="e2" />
    </bpmn:process>`));
    const worker = engineFor('w1');
    worker.leaseOwnJobs();
    const { id } = await worker.start('interruptible');
    expect(await jobRow()).to.include({ locked_by: 'w1' });
    // when the message interrupts the task before the worker came to the job
    await worker.correlate('stop', { instanceId: id });
    // then the job is gone and its handler never runs
    expect(await worker.runJobs(10)).to.equal(0);
    expect(ran).to.have.length(0);
    expect((await worker.getInstance(id)).status).to.equal('completed');
  });

  it('runs its own jobs at once under an executor, without waiting for the next poll', async () => {
    const worker = engineFor('w1');
    const executor = startExecutor(worker, { intervalMs: 3_600_000 });
    try {
      const id = await reviewDone(worker);
      for (let i = 0; i < 500 && (await worker.getInstance(id)).status !== 'completed'; i++) await new Promise((r) => setTimeout(r, 10));
      expect((await worker.getInstance(id)).status).to.equal('completed');
    } finally {
      await executor.stop();
    }
  });

  it('tells onRun how many jobs it ran, and does not tell of rounds that ran none', async () => {
    const worker = engineFor('w1');
    const rounds: Array<{ timers: number; jobs: number }> = [];
    const executor = startExecutor(worker, { intervalMs: 3_600_000, onRun: (ran) => rounds.push(ran) });
    try {
      const id = await reviewDone(worker);
      for (let i = 0; i < 500 && (await worker.getInstance(id)).status !== 'completed'; i++) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await executor.stop();
    }
    expect(rounds).to.deep.equal([{ timers: 0, jobs: 1 }]);
  });
});
