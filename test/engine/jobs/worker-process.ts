// A separate engine process for the multi-process test: runs due work on the given schema until idle.
import { Engine } from '../../../engine/engine.ts';
import { fixedClock } from '../../../engine/clock.ts';
import { builtInHandlers } from '../../../engine/jobs/handlers.ts';
import { openDatabase } from '../../../engine/store/database.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';

const [schema, at, workers] = process.argv.slice(2) as [string, string, string];
const db = await openDatabase({ url: process.env.DATABASE_URL!, schema });
const handlers = builtInHandlers().register({
  name: 'record',
  optionsSchema: { type: 'object' },
  // The side effect the test counts: one row per handler run.
  run: async ({ job }) => { await db.query('insert into handler_runs (job_id, worker) values ($1, $2)', [job.id, process.pid]); },
});
const engine = new Engine({ store: createEnginePort(db), clock: fixedClock(at), handlers });
// Start together: a process that boots first must not drain the queue before the others arrive.
await db.query('insert into workers_ready (pid) values ($1)', [process.pid]);
for (const began = Date.now(); Date.now() - began < 30_000;) {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from workers_ready');
  if (row!.n >= Number(workers)) break;
  await new Promise((resolve) => setTimeout(resolve, 10));
}
let idle = 0;
while (idle < 3) {
  const { timers, jobs } = await engine.tick({ maxTimers: 5, maxJobs: 5 });
  idle = timers + jobs === 0 ? idle + 1 : 0;
}
await db.close();
