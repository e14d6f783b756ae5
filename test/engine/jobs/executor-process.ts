// A separate `npm start`-like process for the lease tests: openEngine (DATABASE_URL, DOSAR_DB_SCHEMA,
// DOSAR_JOB_LEASE_MS) and the executor, until killed. Its 'slow' handler sleeps the given ms, or with
// 'wait' until the test writes a 'release' row.
import { startExecutor } from '../../../engine/jobs/executor.ts';
import { builtInHandlers } from '../../../engine/jobs/handlers.ts';
import { openEngine } from '../../../server/open-engine.ts';

const mode = process.argv[2]!;
const released = async () => (await db.query("select 1 from handler_runs where what = 'release'")).length > 0;
const handlers = builtInHandlers().register({
  name: 'slow',
  optionsSchema: { type: 'object' },
  run: async ({ job }) => {
    await db.query("insert into handler_runs (job_id, worker, what) values ($1, $2, 'started')", [job.id, process.pid]);
    if (mode === 'wait') while (!(await released())) await new Promise((resolve) => setTimeout(resolve, 50));
    else await new Promise((resolve) => setTimeout(resolve, Number(mode)));
    await db.query("insert into handler_runs (job_id, worker, what) values ($1, $2, 'finished')", [job.id, process.pid]);
    return { by: process.pid };
  },
});
const { engine, db } = await openEngine({ handlers });
startExecutor(engine, { intervalMs: 100, onError: (err) => console.error(err) });
await db.query("insert into handler_runs (worker, what) values ($1, 'ready')", [process.pid]);
