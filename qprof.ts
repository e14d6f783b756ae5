import { fileURLToPath } from 'node:url';
import { createEnginePort, Engine, openDatabase } from './engine/index.ts';
import { dosarHandlers } from './server/installation-handlers.ts';
import { loadProcedures } from './server/load-procedures.ts';
import { seedQualityHistory } from './server/quality/demo-seed.ts';
import { defaultPeriod } from './server/quality/figures.ts';
import { dailySeries, netAfter, openNow, periodTotals, ratingTotals } from './server/quality/dashboard-store.ts';
import { seedDepartments } from './server/seed.ts';
import { migrateDatabase } from './server/store/migrate.ts';

const url = 'postgres://postgres@127.0.0.1:5432/test';
const db = await openDatabase({ url, schema: 'qprof', poolSize: 8 });
await migrateDatabase(db);
const engine = new Engine({ store: createEnginePort(db), handlers: dosarHandlers({ DOSAR_TAX_CSV: fileURLToPath(new URL('./test/fixtures/taxes/situatie-fiscala.csv', import.meta.url)) }) });
const [n] = await db.query<{ n: number }>('select count(*)::int as n from quality_facts');
if (n!.n === 0) {
  await seedDepartments(db);
  await loadProcedures(engine, db, fileURLToPath(new URL('./procedures/', import.meta.url)));
  await seedQualityHistory({ db, engine }, { requests: 1_000_000, open: 50_000, years: 3 });
  await db.query('analyze');
}
const period = defaultPeriod(engine.clock.now());
const now = engine.clock.now();
const parts: Record<string, () => Promise<unknown>> = {
  periodTotals: () => periodTotals(db, period.from, period.to, null),
  openNow: () => openNow(db, null, now),
  dailySeries: () => dailySeries(db, period.from, period.to, null),
  netAfter: () => netAfter(db, period.to, null),
  ratingTotals: () => ratingTotals(db, period.from, period.to, null),
};
for (const [name, f] of Object.entries(parts)) {
  await f();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) { const t0 = performance.now(); await f(); times.push(performance.now() - t0); }
  times.sort((a, b) => a - b);
  console.log(name, 'median', times[7]!.toFixed(1), 'max', times[14]!.toFixed(1));
}
await db.close();
