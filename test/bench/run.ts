import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { Engine } from '../../engine/engine.ts';
import { builtInHandlers } from '../../engine/jobs/handlers.ts';
import { measureFloor } from '../../engine/store/bench-floor.ts';
import { openDatabase } from '../../engine/store/database.ts';
import { createEnginePort } from '../../engine/store/engine-port.ts';
import { serverBench } from './server-bench.ts';

/**
 * `npm run bench`: engine steps per second on PostgreSQL at 1 and 16 clients, next to a floor
 * measured in the same run with raw pg (BEGIN; UPDATE one row; INSERT one event; COMMIT).
 * A step is one task completion or one service-task execution, fully durable.
 * Figures are ratios to the floor because the machines are shared and noisy.
 *
 * Then the application (test/bench/server-bench.ts): HTTP petition submissions per second at 16
 * clients against engine.start at 16 clients, and the clerk's queue p50/p95 at 100,000 open tasks
 * against a primary-key lookup. `--explain` prints the queue query's plan to stderr;
 * `--engine-only` skips the application section.
 */
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const json = process.argv.includes('--json');
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const petitionXml = await readFile(new URL('../fixtures/bpmn/petition.bpmn', import.meta.url), 'utf8');

function log(line: string): void {
  if (!json) console.log(line);
  else console.error(line);
}

async function startMany(engine: Engine, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next++ < count) ids.push((await engine.start('petition', { variables: { subject: 'bench' } })).id);
  }));
  return ids;
}

async function engineRun(clients: number): Promise<{ stepsPerSecond: number; medianCompleteMs: number }> {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const db = await openDatabase({ url, schema, poolSize: clients + 4 });
  try {
    await db.migrate();
    const handlers = builtInHandlers().register({ name: 'send-answer', run: () => ({ sent: true }) });
    const engine = new Engine({ store: createEnginePort(db), handlers });
    // The clients run the jobs their steps enqueue, as an executor does (engine/jobs/own-jobs.ts).
    engine.leaseOwnJobs();
    await engine.deploy(petitionXml);
    // Instances are started before the clock runs: starting is not a step in this measure.
    const perClient = Math.max(200, Math.ceil((seconds * 1500) / clients));
    const ids = await startMany(engine, perClient * clients, 8);
    const pools = Array.from({ length: clients }, (_, c) => ids.slice(c * perClient, (c + 1) * perClient));
    const taskOf = new Map<string, string>();
    for (const t of await engine.listTasks({ limit: 1_000_000 })) taskOf.set(t.instanceId, t.id);
    const latencies: number[] = [];
    let steps = 0;
    const deadline = Date.now() + seconds * 1000;
    const began = performance.now();
    await Promise.all(pools.map(async (ids) => {
      for (const id of ids) {
        if (Date.now() > deadline) return;
        const t0 = performance.now();
        const { created } = await engine.completeTask(taskOf.get(id)!, { department: 'drumuri', anonymous: false });
        latencies.push(performance.now() - t0);
        const [resolve] = created;
        await engine.completeTask(resolve!.id, { answer: 'ok' });
        await engine.runJobs(1);
        steps += 3;
      }
    }));
    const elapsed = (performance.now() - began) / 1000;
    latencies.sort((a, b) => a - b);
    return { stepsPerSecond: steps / elapsed, medianCompleteMs: latencies[Math.floor(latencies.length / 2)] ?? NaN };
  } finally {
    await db.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
    await db.close();
  }
}

async function main(): Promise<void> {
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  await check.end();
  const results: Record<string, number | boolean> = {};
  for (const clients of [1, 16]) {
    const floor = await measureFloor(url, { clients, seconds });
    const engine = await engineRun(clients);
    results[`floor_steps_per_s_c${clients}`] = Math.round(floor);
    results[`engine_steps_per_s_c${clients}`] = Math.round(engine.stepsPerSecond);
    results[`ratio_c${clients}`] = Number((engine.stepsPerSecond / floor).toFixed(2));
    if (clients === 1) results.median_complete_ms_c1 = Number(engine.medianCompleteMs.toFixed(3));
    log(`${clients} client(s): engine ${engine.stepsPerSecond.toFixed(0)} steps/s, floor ${floor.toFixed(0)} steps/s, ratio ${(engine.stepsPerSecond / floor).toFixed(2)}x${clients === 1 ? `, median completion ${engine.medianCompleteMs.toFixed(3)} ms` : ''}`);
  }
  if (!process.argv.includes('--engine-only')) {
    Object.assign(results, await serverBench({ url, seconds, log, explain: process.argv.includes('--explain') }));
  }
  if (json) console.log(JSON.stringify(results));
}

main().catch((err) => {
  console.error(`bench: ${(err as Error).message}`);
  process.exit(1);
});
