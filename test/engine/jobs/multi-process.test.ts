import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { fixedClock } from '../../../engine/clock.ts';
import { Engine } from '../../../engine/engine.ts';
import { builtInHandlers } from '../../../engine/jobs/handlers.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

const worker = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

const model = bpmn(`<bpmn:process id="shared" isExecutable="true">
  <bpmn:startEvent id="s" />
  <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:serviceTask id="work" dosar:handler="record" />
  <bpmn:endEvent id="e" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
  <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="work" />
  <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="e" />
</bpmn:process>`);

function runWorker(schema: string, at: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', worker, schema, at, '3'], { env: process.env }, (err, _out, stderr) => (err ? reject(new Error(stderr || String(err))) : resolve()));
  });
}

/** Several engine processes on one PostgreSQL: every timer fires once and every job runs once. */
describe('engine processes sharing one PostgreSQL', function () {
  this.timeout(120_000);
  const t = useTestDatabase();

  before(function () {
    if (!process.env.DATABASE_URL) this.skip();
  });

  it('never fires a timer twice nor runs a job twice', async () => {
    // given 60 instances waiting on timers due in an hour
    await t.db.query('create table handler_runs (job_id uuid not null, worker int not null)');
    await t.db.query('create table workers_ready (pid int not null)');
    // The worker processes run the handler; this engine only deploys and starts, but deploy checks the name.
    const handlers = builtInHandlers().register({ name: 'record', optionsSchema: { type: 'object' }, run: () => undefined });
    const engine = new Engine({ store: createEnginePort(t.db), clock: fixedClock('2026-03-02T08:00:00Z'), handlers });
    await engine.deploy(model);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await engine.start('shared')).id);
    // when three processes work the same database two hours later
    await Promise.all([1, 2, 3].map(() => runWorker(t.db.schema, '2026-03-02T10:00:00Z')));
    // then
    const fired = await t.db.query<{ n: number }>("select count(*)::int as n from events, jsonb_array_elements(items) as x(item) where x.item ->> 'type' = 'timer.fired'");
    const runs = await t.db.query<{ n: number; distinct_jobs: number; workers: number }>('select count(*)::int as n, count(distinct job_id)::int as distinct_jobs, count(distinct worker)::int as workers from handler_runs');
    const done = await t.db.query<{ n: number }>("select count(*)::int as n from instances where status = 'completed'");
    expect(fired[0]!.n).to.equal(60);
    expect(runs[0]!.n).to.equal(60);
    expect(runs[0]!.distinct_jobs).to.equal(60);
    expect(done[0]!.n).to.equal(60);
    expect(runs[0]!.workers, 'the work was shared').to.be.greaterThan(1);
  });
});
