import pg from 'pg';
import { archiveBench } from './archive-bench.ts';
import { openEngineBench } from './engine-bench.ts';
import { openFloor } from './floor.ts';
import { paymentsBench } from './payments-bench.ts';
import { qualityBench } from './quality-bench.ts';
import { scaleBench } from './scale-bench.ts';
import { serverBench } from './server-bench.ts';

/**
 * `npm run bench`: engine steps per second on PostgreSQL at 1 and 16 clients, next to a floor
 * measured in the same run with raw pg (BEGIN; UPDATE one row; INSERT one event; COMMIT).
 * A step is one task completion or one service-task execution, fully durable.
 * Figures are ratios to the floor because the machines are shared and noisy; the floor and the
 * engine run in alternating slices of a second, so a noisy moment hits both alike.
 *
 * Then the application (test/bench/server-bench.ts): HTTP petition submissions per second at 16
 * clients against engine.start at 16 clients, and the clerk's queue p50/p95 at 100,000 open tasks
 * against a primary-key lookup. `--explain` prints the queue query's plan to stderr;
 * `--engine-only` skips the application section.
 *
 * Then payments (test/bench/payments-bench.ts): signed confirmations per second at 16 concurrent
 * notifications against the engine's own correlate rate.
 *
 * Then the archive (test/bench/archive-bench.ts): search p95 per kind of query on a generated corpus
 * (BENCH_ARCHIVE_DOCS, default 50,000) against a primary-key lookup. Then scale
 * (test/bench/scale-bench.ts): submissions and task completions per second with 1, 2 and
 * 4 `npm start` processes on one PostgreSQL, as ratios to 1 process, with errors and double runs
 * of timers and jobs counted. The cache section (`cache`) measures steps at 16 clients against
 * the floor with a million open instances in the tables and a supply that does not fit the
 * engine's cache. The quality section (test/bench/quality-bench.ts): the dashboard's p95 on seeded
 * history against a primary-key lookup, and the step cost with the roll-up running.
 * `--only <engine|cache|server|payments|archive|scale|quality>` runs one section.
 */
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const json = process.argv.includes('--json');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const SECTIONS = ['engine', 'cache', 'server', 'payments', 'archive', 'scale', 'quality'] as const;
const runs = (section: typeof SECTIONS[number]) => only === undefined || only === section;
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const SLICE_MS = 1000;
/**
 * Instances started per client second (three steps each): 2,100 steps/s per client at 1 client and
 * 360 at 16, against the fastest rates seen (2026-12-02: ~1,400 and ~380); a client out of
 * instances ends its slice early, which the figures account for. At 16 clients the supply (15,360)
 * stays within the engine's cache of instance states (20,000): a supply of 25,600, whose oldest
 * states had left the cache, ran at 0.84x-0.85x against 1.2x-1.5x in alternating runs, every
 * step then reading its task's instance first.
 */
const INSTANCES_PER_CLIENT_SECOND = { 1: 700, 16: 120 } as const;
/** The cache section's cache size: a third of its supply at 16 clients (15,360 for 8 s). */
const CACHE_1M = 5_000;

function log(line: string): void {
  if (!json) console.log(line);
  else console.error(line);
}

/** Floor and engine in alternating slices of SLICE_MS, `seconds` of each. */
async function measure(clients: 1 | 16, large?: { open: number; cacheSize: number }): Promise<{ engine: number; floor: number; medianCompleteMs: number; rssMb: number }> {
  const floor = await openFloor(url, clients, large ? { rows: large.open } : {});
  try {
    const engine = await openEngineBench(url, clients, Math.ceil(INSTANCES_PER_CLIENT_SECOND[clients] * clients * seconds), large ? { background: large.open, instanceCacheSize: large.cacheSize } : {});
    try {
      let floorSteps = 0;
      let floorMs = 0;
      let engineSteps = 0;
      let engineMs = 0;
      for (let slice = 0; slice < Math.ceil((seconds * 1000) / SLICE_MS); slice++) {
        let t0 = performance.now();
        floorSteps += await floor.run(SLICE_MS);
        floorMs += performance.now() - t0;
        t0 = performance.now();
        engineSteps += await engine.run(SLICE_MS);
        engineMs += performance.now() - t0;
      }
      const sorted = [...engine.completions].sort((a, b) => a - b);
      const rssMb = process.memoryUsage().rss / 1024 / 1024;
      return { engine: engineSteps / (engineMs / 1000), floor: floorSteps / (floorMs / 1000), medianCompleteMs: sorted[Math.floor(sorted.length / 2)] ?? NaN, rssMb };
    } finally {
      await engine.close();
    }
  } finally {
    await floor.close();
  }
}

async function main(): Promise<void> {
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  await check.end();
  const results: Record<string, number | boolean | null> = {};
  if (only !== undefined && !(SECTIONS as readonly string[]).includes(only)) throw new Error(`--only takes one of ${SECTIONS.join(', ')}`);
  for (const clients of runs('engine') ? [1, 16] as const : []) {
    const { engine, floor, medianCompleteMs } = await measure(clients);
    results[`floor_steps_per_s_c${clients}`] = Math.round(floor);
    results[`engine_steps_per_s_c${clients}`] = Math.round(engine);
    results[`ratio_c${clients}`] = Number((engine / floor).toFixed(2));
    if (clients === 1) results.median_complete_ms_c1 = Number(medianCompleteMs.toFixed(3));
    log(`${clients} client(s): engine ${engine.toFixed(0)} steps/s, floor ${floor.toFixed(0)} steps/s, ratio ${(engine / floor).toFixed(2)}x${clients === 1 ? `, median completion ${medianCompleteMs.toFixed(3)} ms` : ''}`);
  }
  if (runs('cache')) {
    // The cache cliff: BENCH_OPEN_INSTANCES (default 1,000,000) open instances seeded by SQL, a cache
    // of CACHE_1M states and a supply three times that: the triage step of every instance but the
    // last CACHE_1M started finds no cached state (its task's instance and state are looked up).
    const open = Number(process.env.BENCH_OPEN_INSTANCES ?? 1_000_000);
    const { engine, floor, rssMb } = await measure(16, { open, cacheSize: CACHE_1M });
    results.floor_steps_per_s_c16_1m = Math.round(floor);
    results.engine_steps_per_s_c16_1m = Math.round(engine);
    results.ratio_c16_1m = Number((engine / floor).toFixed(2));
    results.engine_rss_mb_1m = Math.round(rssMb);
    results.open_instances_1m = open;
    log(`16 clients, ${open.toLocaleString('en')} open instances, cache of ${CACHE_1M.toLocaleString('en')} states, a triage step's instance uncached: engine ${engine.toFixed(0)} steps/s, floor ${floor.toFixed(0)} steps/s (random rows of ${open.toLocaleString('en')}), ratio ${(engine / floor).toFixed(2)}x, RSS ${rssMb.toFixed(0)} MB`);
  }
  if (!process.argv.includes('--engine-only') && runs('server')) {
    Object.assign(results, await serverBench({ url, seconds, log, explain: process.argv.includes('--explain') }));
  }
  if (!process.argv.includes('--engine-only') && runs('payments')) Object.assign(results, await paymentsBench({ url, seconds, log }));
  if (!process.argv.includes('--engine-only') && runs('archive')) Object.assign(results, await archiveBench({ url, log }));
  if (!process.argv.includes('--engine-only') && runs('scale')) Object.assign(results, await scaleBench({ seconds, log }));
  if (!process.argv.includes('--engine-only') && runs('quality')) Object.assign(results, await qualityBench({ url, seconds, log }));
  if (json) console.log(JSON.stringify(results));
}

main().catch((err) => {
  console.error(`bench: ${(err as Error).message}`);
  process.exit(1);
});
