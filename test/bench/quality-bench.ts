import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createEnginePort, Engine, openDatabase } from '../../engine/index.ts';
import { dosarHandlers } from '../../server/installation-handlers.ts';
import { loadProcedures } from '../../server/load-procedures.ts';
import { seedQualityHistory } from '../../server/quality/demo-seed.ts';
import { defaultPeriod, qualityFigures } from '../../server/quality/figures.ts';
import { heatmapOf } from '../../server/quality/heatmap.ts';
import type { User } from '../../server/auth/users.ts';
import { rollUpQuality } from '../../server/quality/rollup.ts';
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
 * The quality dashboard for a year over `BENCH_QUALITY_REQUESTS` ended requests (default 100,000;
 * the figure is 1,000,000) and 5% as many open ones, seeded with generate_series, its p95
 * also as a ratio to a primary-key lookup in the same run; and the engine's step rate with the
 * roll-up running beside it against without (the roll-up is out of the step, so this is database
 * contention only). The heatmap is the busiest procedure's for the same year, from the seeded
 * element figures (server/quality/demo-heatmap.ts); its "waiting now" counts the engine's live
 * tokens, of which the seeded history has none.
 */
export async function qualityBench(options: { url: string; seconds: number; log: (line: string) => void }): Promise<Record<string, number | null>> {
  const requests = Number(process.env.BENCH_QUALITY_REQUESTS ?? 100_000);
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
    await heatmapOf(ctx, admin, busiest!.procedure_key, undefined, period);
    const heatmap = await timed(SAMPLES, () => heatmapOf(ctx, admin, busiest!.procedure_key, undefined, period));
    const lookup = await timed(SAMPLES, (i) => db.query('select * from quality_facts where request_id = $1', [ids[i % ids.length]]));
    const [ended] = await db.query<{ n: number }>('select count(*)::int as n from quality_facts where ended_at is not null');
    const stepRatio = await stepOverhead(options, { db, engine });
    const results = {
      quality_requests: ended!.n,
      quality_dashboard_p95_ms: Number(p95(dashboard).toFixed(2)),
      quality_dashboard_p95_ratio_to_pk: Number((p95(dashboard) / p95(lookup)).toFixed(1)),
      quality_pk_lookup_p95_ms: Number(p95(lookup).toFixed(3)),
      quality_heatmap_p95_ms: Number(p95(heatmap).toFixed(2)),
      quality_heatmap_p95_ratio_to_pk: Number((p95(heatmap) / p95(lookup)).toFixed(1)),
      quality_step_overhead_ratio: Number(stepRatio.toFixed(3)),
    };
    options.log(`quality: dashboard p95 ${results.quality_dashboard_p95_ms} ms (${results.quality_dashboard_p95_ratio_to_pk}x a primary-key lookup), heatmap of ${busiest!.procedure_key} p95 ${results.quality_heatmap_p95_ms} ms (${results.quality_heatmap_p95_ratio_to_pk}x), step cost with roll-up / without ${results.quality_step_overhead_ratio}`);
    return results;
  } finally {
    await db.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
    await db.close();
  }
}

/** Engine step cost while the roll-up runs in a loop beside it, over without, in alternating slices of a second. */
async function stepOverhead(options: { url: string; seconds: number }, parts: Pick<AppContext, 'db' | 'engine'>): Promise<number> {
  const bench = await openEngineBench(options.url, 1, 1400 * options.seconds);
  try {
    let [withSteps, withMs, withoutSteps, withoutMs] = [0, 0, 0, 0];
    for (let slice = 0; slice < options.seconds; slice++) {
      let t0 = performance.now();
      withoutSteps += await bench.run(500);
      withoutMs += performance.now() - t0;
      let running = true;
      const loop = (async () => { while (running) { await parts.db.query("update quality_rollup_days set rolled_at = null where day = (select max(day) from quality_rollup_days)"); await rollUpQuality(parts); } })();
      t0 = performance.now();
      withSteps += await bench.run(500);
      withMs += performance.now() - t0;
      running = false;
      await loop;
    }
    // Cost per step = time / steps: with over without.
    return (withMs / withSteps) / (withoutMs / withoutSteps);
  } finally {
    await bench.close();
  }
}
