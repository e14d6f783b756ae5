import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Engine, builtInHandlers, openDatabase, createEnginePort, type Database } from '../../engine/index.ts';

const petitionXml = await readFile(new URL('../fixtures/bpmn/petition.bpmn', import.meta.url), 'utf8');

/**
 * The engine's side of the step bench: `clients` loops, each taking the next petition instance and
 * driving it to its end (triage task, resolve task, the answer's service-task job: three steps).
 * Instances are started before any slice runs: starting is not a step in this measure.
 * The clients run the jobs their steps enqueue, as an executor does (engine/jobs/own-jobs.ts).
 */
export interface EngineBench {
  /** Runs every client until `ms` have passed (each finishes the instance in hand); returns the steps done. */
  run(ms: number): Promise<number>;
  /** Milliseconds from asking for the triage task's completion to its commit, every one so far. */
  readonly completions: number[];
  /** The bench's own schema and engine, for sections that add their work beside the steps. */
  readonly db: Database;
  readonly engine: Engine;
  close(): Promise<void>;
}

export interface EngineBenchOptions {
  /** Open instances (each with an open task) seeded by SQL besides the supply, so tables and indexes are large. */
  background?: number;
  /** The engine's instance cache size (EngineOptions.instanceCacheSize). */
  instanceCacheSize?: number;
  /** Brings the schema up instead of the engine's migrations alone (e.g. the server's too). */
  migrate?: (db: Database) => Promise<void>;
}

export async function openEngineBench(url: string, clients: number, instances: number, options: EngineBenchOptions = {}): Promise<EngineBench> {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const db = await openDatabase({ url, schema, poolSize: clients + 4 });
  const close = async () => {
    await db.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
    await db.close();
  };
  try {
    await (options.migrate ? options.migrate(db) : db.migrate());
    const handlers = builtInHandlers().register({ name: 'send-answer', optionsSchema: { type: 'object' }, run: () => ({ sent: true }) });
    const engine = new Engine({ store: createEnginePort(db), handlers, ...(options.instanceCacheSize !== undefined ? { instanceCacheSize: options.instanceCacheSize } : {}) });
    engine.leaseOwnJobs();
    await engine.deploy(petitionXml);
    let started = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (started++ < instances) await engine.start('petition', { variables: { subject: 'bench' } });
    }));
    const triage = (await engine.listTasks({ limit: instances })).map((t) => t.id);
    if (options.background) await seedOpenInstances(db, triage[0]!, options.background);
    let next = 0;
    const completions: number[] = [];
    return {
      completions, db, engine,
      async run(ms) {
        let steps = 0;
        const deadline = Date.now() + ms;
        await Promise.all(Array.from({ length: clients }, async () => {
          while (Date.now() < deadline && next < triage.length) {
            const taskId = triage[next++]!;
            const t0 = performance.now();
            const { created } = await engine.completeTask(taskId, { department: 'drumuri', anonymous: false });
            completions.push(performance.now() - t0);
            await engine.completeTask(created[0]!.id, { answer: 'ok' });
            if ((await engine.runJobs(1)) !== 1) throw new Error('the answer job did not run');
            steps += 3;
          }
        }));
        return steps;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Copies the instance of `taskId` and its open task `count` times with set-based SQL (fresh ids,
 * 100,000 rows a statement): open requests that fill the tables and indexes but are not stepped.
 */
async function seedOpenInstances(db: Database, taskId: string, count: number): Promise<void> {
  const columns = async (table: string) => (await db.query<{ column_name: string }>(
    'select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position', [table])).map((c) => c.column_name);
  const instanceColumns = await columns('instances');
  const taskColumns = await columns('tasks');
  const pick = (cols: string[], source: string, replace: Record<string, string>) => cols.map((c) => replace[c] ?? `${source}."${c}"`).join(', ');
  const CHUNK = 100_000;
  for (let done = 0; done < count; done += CHUNK) {
    const n = Math.min(CHUNK, count - done);
    await db.query(
      `with t as (select * from tasks where id = $1),
            i as (select * from instances where id = (select instance_id from t)),
            ids as (select gen_random_uuid() as iid, gen_random_uuid() as tid from generate_series(1, $2)),
            made as (insert into instances (${instanceColumns.map((c) => `"${c}"`).join(', ')}) select ${pick(instanceColumns, 'i', { id: 'ids.iid' })} from i, ids returning id)
       insert into tasks (${taskColumns.map((c) => `"${c}"`).join(', ')}) select ${pick(taskColumns, 't', { id: 'ids.tid', instance_id: 'ids.iid' })} from t, ids`,
      [taskId, n],
    );
  }
  await db.query('analyze instances');
  await db.query('analyze tasks');
}
