import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { createEnginePort, Engine, openDatabase } from '../../engine/index.ts';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { createPaymentOrder } from '../../server/payments/payment-orders.ts';
import { paymentSettingsFromEnv } from '../../server/payments/payment-settings.ts';
import { createPayments } from '../../server/payments/payments.ts';
import { migrateDatabase } from '../../server/store/migrate.ts';
import { openStorage } from '../../server/storage/open-storage.ts';

const xml = await readFile(new URL('../fixtures/payments/waits-for-payment.bpmn', import.meta.url), 'utf8');
const CLIENTS = 16;
/** Instances per second measured, for each kind: about twice the rates seen (~2,700 and ~1,300 on a fast day), so no client runs dry. */
const SUPPLY_PER_SECOND = { correlate: 5000, confirm: 2500 };

/**
 * Payment confirmations per second at 16 concurrent signed notifications, over HTTP to the
 * application (signature checked on the raw body, order locked, status and process step in one
 * transaction), as a ratio to the engine's own message correlation at 16 clients (the same
 * `plata` message, no order), both on PostgreSQL in alternating slices of a second. The
 * notifications come from another thread (notifier.ts), as a provider's come from its servers.
 */
export async function paymentsBench(options: { url: string; seconds: number; log: (line: string) => void }): Promise<Record<string, number>> {
  const schema = `bench_pay_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const db = await openDatabase({ url: options.url, schema, poolSize: CLIENTS + 4 });
  let server: Server | undefined;
  let provider: Worker | undefined;
  try {
    await migrateDatabase(db);
    // Every instance of the run fits the cache, as in the engine bench's own figures.
    const engine = new Engine({ store: createEnginePort(db), instanceCacheSize: 100_000 });
    await engine.deploy(xml);
    const secret = 'bench-secret';
    const ctx = {
      engine, db, log: () => undefined, background: new Set(), mailer: undefined as never,
      payments: createPayments({ ...paymentSettingsFromEnv({}), secret }),
      config: { publicUrl: 'http://bench.local', institution: 'Bench', registrationFormat: '{n}', uploadsDir: '/tmp', outgoingRegister: 'iesiri' },
    files: openStorage({ kind: 'local', uploadsDir: '/tmp', documentsDir: '/tmp', archiveDir: '/tmp' }),
    } as unknown as AppContext;
    const start = async () => (await engine.start('asteapta-plata')).id;
    const plain: string[] = [];
    const orders: string[] = [];
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (plain.length < SUPPLY_PER_SECOND.correlate * options.seconds) plain.push(await start());
      while (orders.length < SUPPLY_PER_SECOND.confirm * options.seconds) {
        const instanceId = await start();
        orders.push((await createPaymentOrder(ctx, { sourceKey: randomUUID(), instanceId, payerName: 'Bench', description: 'Bench', amountBani: 1500, deadlineMs: 86_400_000 })).reference);
      }
    }));
    server = await new Promise<Server>((resolve) => { const s = createApp(ctx, { rateLimit: 1_000_000 }).listen(0, '127.0.0.1', () => resolve(s)); });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/payments/notifications/card`;

    const slice = async (ms: number, queue: string[], act: (item: string) => Promise<void>) => {
      let done = 0;
      const deadline = Date.now() + ms;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < deadline && queue.length > 0) {
          await act(queue.pop()!);
          done += 1;
        }
      }));
      return { done, ms: performance.now() - t0 };
    };
    const correlate = async (instanceId: string) => { await engine.correlate('plata', { instanceId }, { plata: { rezultat: 'paid' } }); };
    const entry = JSON.stringify(new URL('./notifier.ts', import.meta.url).href);
    provider = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${entry}); })`, { eval: true, workerData: { url: base, secret, clients: CLIENTS, orders } });
    const notify = (ms: number) => new Promise<{ done: number; ms: number }>((resolve, reject) => {
      provider!.once('message', (m: { done: number; ms: number; error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m)));
      provider!.postMessage({ ms });
    });
    let c = { done: 0, ms: 0 };
    let p = { done: 0, ms: 0 };
    for (let i = 0; i < options.seconds; i++) {
      const a = await slice(1000, plain, correlate);
      const b = await notify(1000);
      c = { done: c.done + a.done, ms: c.ms + a.ms };
      p = { done: p.done + b.done, ms: p.ms + b.ms };
    }
    const correlates = c.done / (c.ms / 1000);
    const confirmations = p.done / (p.ms / 1000);
    if (plain.length === 0 || orders.length === 0) throw new Error(`the supply of instances ran out (${correlates.toFixed(0)} correlates/s, ${confirmations.toFixed(0)} confirmations/s): raise SUPPLY_PER_SECOND`);
    const confirmed = (await db.query<{ n: number }>("select count(*)::int as n from payment_events where kind = 'paid'"))[0]!.n;
    if (confirmed !== p.done) throw new Error(`${p.done} notifications confirmed ${confirmed} payments`);
    options.log(`payments: ${confirmations.toFixed(0)} confirmations/s at ${CLIENTS} concurrent notifications, engine correlate ${correlates.toFixed(0)}/s, ratio ${(confirmations / correlates).toFixed(2)}x`);
    return {
      payments_confirmations_per_s_c16: Math.round(confirmations),
      engine_correlates_per_s_c16: Math.round(correlates),
      payments_confirm_ratio_c16: Number((confirmations / correlates).toFixed(2)),
    };
  } finally {
    await provider?.terminate();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await db.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
    await db.close();
  }
}
