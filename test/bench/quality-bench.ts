import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createEnginePort, Engine, openDatabase, type Database } from '../../engine/index.ts';
import { dosarHandlers } from '../../server/installation-handlers.ts';
import { loadProcedures } from '../../server/load-procedures.ts';
import { seedQualityHistory } from '../../server/quality/demo-seed.ts';
import { defaultPeriod, qualityFigures } from '../../server/quality/figures.ts';
import { heatmapOf } from '../../server/quality/heatmap.ts';
import type { User } from '../../server/auth/users.ts';
import { rollUpQuality, RollUpPace } from '../../server/quality/rollup.ts';
import { rollupShareFromEnv } from '../../server/config.ts';
import type { AppContext } from '../../server/context.ts';
import { seedDepartments } from '../../server/seed.ts';
import { migrateDatabase } from '../../server/store/migrate.ts';
import { openEngineBench } from './engine-bench.ts';

const PROCEDURES = fileURLToPath(new URL('../../procedures/', import.meta.url));
const SAMPLES = 60;

const p95 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.ceil(0.95 * ms.length) - 1]!;

async function timed(n: number, act: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await act(i);
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * The quality dashboard for a year over `BENCH_QUALITY_REQUESTS` ended requests (default
 * 1,000,000, the figure) and 5% as many open ones, seeded with generate_series, its p95
 * also as a ratio to a primary-key lookup in the same run. The heatmap is the busiest procedure's
 * for the same year, from the seeded element figures (server/quality/demo-heatmap.ts), with as
 * many live instances of it as there are open requests, so "waiting now" counts real tokens.
 * And what keeping the aggregates adds to the engine's step cost (stepOverhead).
 */
export async function qualityBench(options: { url: string; seconds: number; log: (line: string) => void }): Promise<Record<string, number | null>> {
  const requests = Number(process.env.BENCH_QUALITY_REQUESTS ?? 1_000_000);
  const schema = `bench_q_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const db = await openDatabase({ url: options.url, schema, poolSize: 8 });
  try {
    await migrateDatabase(db);
    const engine = new Engine({ store: createEnginePort(db), handlers: dosarHandlers({ DOSAR_TAX_CSV: fileURLToPath(new URL('../fixtures/taxes/situatie-fiscala.csv', import.meta.url)) }) });
    await seedDepartments(db);
    await loadProcedures(engine, db, PROCEDURES);
    const t0 = performance.now();
    await seedQualityHistory({ db, engine }, { requests, open: Math.round(requests / 20), years: 3 });
    options.log(`quality: seeded ${requests} ended requests in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await db.query('analyze quality_facts');
    await db.query('analyze quality_daily');
    await db.query('analyze quality_element_daily');
    const ctx = { engine, db } as unknown as AppContext;
    const period = defaultPeriod(engine.clock.now());
    const ids = (await db.query<{ request_id: string }>(`select request_id from quality_facts limit ${SAMPLES}`)).map((r) => r.request_id);
    await qualityFigures(ctx, period, null, []);
    const dashboard = await timed(SAMPLES, () => qualityFigures(ctx, period, null, []));
    // The heatmap of the busiest procedure over the same year (its newest version).
    const admin = { role: 'admin', departments: [] } as unknown as User;
    const [busiest] = await db.query<{ procedure_key: string }>('select procedure_key from quality_facts group by 1 order by count(*) desc limit 1');
    await seedLiveInstances(db, engine, busiest!.procedure_key, Math.round(requests / 20));
    await heatmapOf(ctx, admin, busiest!.procedure_key, undefined, period);
    const heatmap = await timed(SAMPLES, () => heatmapOf(ctx, admin, busiest!.procedure_key, undefined, period));
    const lookup = await timed(SAMPLES, (i) => db.query('select * from quality_facts where request_id = $1', [ids[i % ids.length]]));
    const [ended] = await db.query<{ n: number }>('select count(*)::int as n from quality_facts where ended_at is not null');
    const overhead = await stepOverhead(options);
    const results = {
      quality_requests: ended!.n,
      quality_dashboard_p95_ms: Number(p95(dashboard).toFixed(2)),
      quality_dashboard_p95_ratio_to_pk: Number((p95(dashboard) / p95(lookup)).toFixed(1)),
      quality_pk_lookup_p95_ms: Number(p95(lookup).toFixed(3)),
      quality_heatmap_p95_ms: Number(p95(heatmap).toFixed(2)),
      quality_heatmap_p95_ratio_to_pk: Number((p95(heatmap) / p95(lookup)).toFixed(1)),
      ...overhead,
    };
    options.log(`quality: dashboard p95 ${results.quality_dashboard_p95_ms} ms (${results.quality_dashboard_p95_ratio_to_pk}x a primary-key lookup), heatmap of ${busiest!.procedure_key} p95 ${results.quality_heatmap_p95_ms} ms (${results.quality_heatmap_p95_ratio_to_pk}x), step cost with the background roll-up / without ${results.quality_step_overhead_ratio} (in line: ${results.quality_step_overhead_serial_ratio})`);
    return results;
  } finally {
    await db.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
    await db.close();
  }
}

/** `count` live instances of `key`, copies of one started for real (its row and tokens), by set-based SQL. */
async function seedLiveInstances(db: Database, engine: Engine, key: string, count: number): Promise<void> {
  const { id } = await engine.start(key, { variables: {} });
  const columns = (await db.query<{ column_name: string }>(
    "select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'instances' order by ordinal_position")).map((c) => c.column_name);
  const list = columns.map((c) => `"${c}"`).join(', ');
  const copied = columns.map((c) => (c === 'id' ? 'n.id' : `s."${c}"`)).join(', ');
  await db.query(
    `with n as (select gen_random_uuid() as id from generate_series(1, $2::int)),
     made as (insert into instances (${list}) select ${copied} from n, instances s where s.id = $1 returning id)
     insert into tokens (instance_id, token_id, element_id, scope_id, wait_kind)
     select made.id, t.token_id, t.element_id, t.scope_id, t.wait_kind from made, tokens t where t.instance_id = $1`, [id, count]);
  await db.query('analyze instances');
  await db.query('analyze tokens');
}

/**
 * What keeping the aggregates adds to the engine's step cost. The engine bench's petitions (three
 * steps each) run on a schema that also has the quality tables, each instance with the fact row
 * its submission writes, in alternating one-second slices: without the roll-up, and with the
 * server's background roll-up working beside the steps at its default share of time (one pace
 * across the slices, so it runs as one continuous roll-up would). Ratio: step cost with / without.
 * Then the requests left are settled all out, alone: its cost per request, and what it would add
 * to a petition's steps if it ran in line with them (the serial ratio), are reported too.
 */
async function stepOverhead(options: { url: string; seconds: number; log: (line: string) => void }) {
  const bench = await openEngineBench(options.url, 16, 2 * 1400 * options.seconds, { migrate: migrateDatabase });
  try {
    const parts = { db: bench.db, engine: bench.engine };
    await bench.db.query(
      `insert into quality_facts (request_id, instance_id, procedure_key, department, received_at)
       select gen_random_uuid(), id, key, 'registratura', started_at from engine_instances_v`);
    await rollUpQuality(parts);
    const share = rollupShareFromEnv(process.env);
    const pace = new RollUpPace(share);
    const alone = { ms: 0, steps: 0 };
    const beside = { ms: 0, steps: 0, settled: 0 };
    for (let slice = 0; slice < 2 * options.seconds; slice++) {
      const withRollUp = slice % 2 === 1;
      const stop = new AbortController();
      const background = withRollUp ? (async () => {
        while (!stop.signal.aborted) beside.settled += (await rollUpQuality(parts, { pace, signal: stop.signal })).settled;
      })() : undefined;
      const t0 = performance.now();
      const steps = await bench.run(1000);
      const into = withRollUp ? beside : alone;
      into.ms += performance.now() - t0;
      into.steps += steps;
      stop.abort();
      await background;
    }
    const t0 = performance.now();
    const { settled } = await rollUpQuality(parts);
    const allOutMs = performance.now() - t0;
    if (beside.settled === 0 || settled === 0) throw new Error('the roll-up settled no request: the overhead would be measured on nothing');
    const stepMs = alone.ms / alone.steps;
    const usPerRequest = (1000 * allOutMs) / settled;
    options.log(`quality: ${beside.settled} requests settled beside the steps (share ${share}), ${settled} after them all out in ${allOutMs.toFixed(0)} ms; step ${(1000 * stepMs).toFixed(0)} µs alone, ${((1000 * beside.ms) / beside.steps).toFixed(0)} µs beside the roll-up`);
    return {
      quality_step_overhead_ratio: Number(((beside.ms / beside.steps) / stepMs).toFixed(3)),
      quality_rollup_share: share,
      quality_rollup_settled_beside_steps: beside.settled,
      quality_rollup_us_per_request: Number(usPerRequest.toFixed(1)),
      // A petition is three steps: its steps' cost, and that plus settling it in line.
      quality_step_overhead_serial_ratio: Number(((3000 * stepMs + usPerRequest) / (3000 * stepMs)).toFixed(3)),
    };
  } finally {
    await bench.close();
  }
}
