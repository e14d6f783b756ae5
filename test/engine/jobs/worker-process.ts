// A separate engine process for the multi-process test: runs due work on the given schema until idle.
import { Engine } from '../../../engine/engine.ts';
import { fixedClock } from '../../../engine/clock.ts';
import { builtInHandlers } from '../../../engine/jobs/handlers.ts';
import { openDatabase } from '../../../engine/store/database.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';

const [schema, at] = process.argv.slice(2) as [string, string];
const db = await openDatabase({ url: process.env.DATABASE_URL!, schema });
const handlers = builtInHandlers().register({
  name: 'record',
  // The side effect the test counts: one row per handler run.
  run: async ({ job }) => { await db.query('insert into handler_runs (job_id, worker) values ($1, $2)', [job.id, process.pid]); },
});
const engine = new Engine({ store: createEnginePort(db), clock: fixedClock(at), handlers });
let idle = 0;
while (idle < 3) {
  const { timers, jobs } = await engine.tick({ maxTimers: 5, maxJobs: 5 });
  idle = timers + jobs === 0 ? idle + 1 : 0;
}
await db.close();
