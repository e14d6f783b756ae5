import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startExecutor, toAppError } from '../engine/index.ts';
import { buildDesigner, designerNeedsBuild } from '../designer/build.ts';
import { archiveEndedRequests } from './archive/archive-requests.ts';
import { createApp } from './app.ts';
import { settingsFromEnv, type ServerSettings } from './config.ts';
import type { AppContext } from './context.ts';
import { renderPendingPdfs } from './documents/issue-document.ts';
import { PdfRenderer } from './documents/pdf.ts';
import { loadProcedures } from './load-procedures.ts';
import { sendDueDigests } from './notifications/due-digest.ts';
import { sendEarlyWarnings } from './notifications/early-warning-mail.ts';
import { rollUpQuality, RollUpPace } from './quality/rollup.ts';
import { pollPendingPayments } from './payments/payment-attempts.ts';
import { issueAwaitingReceipts } from './payments/payment-receipt-document.ts';
import { bindPaymentStep } from './payments/payment-step.ts';
import { settle } from './notifications/notify.ts';
import { mailerFromEnv } from './notifications/mailer.ts';
import { openEngine } from './open-engine.ts';
import { createDemoAccounts, seedDepartments } from './seed.ts';
import { closeHttpServer, stopTimeoutFromEnv } from './ops/graceful-stop.ts';
import { createServerLog } from './ops/logger.ts';
import { createExecutorApp } from './ops/executor-app.ts';
import { countExecutorRun, countStepsCommitted } from './ops/metrics.ts';
import { beginStopping } from './ops/readiness.ts';
import { sweepOrphans } from './ops/sweep-orphans.ts';
import { openStorage } from './storage/open-storage.ts';

/**
 * `npm start`: migrates the database, deploys procedures/, creates demo accounts on a new embedded
 * installation (or with --demo), runs the job executor and serves the web application. Logs are
 * JSON lines on stderr (server/ops/logger.ts); the demo accounts' passwords go to stdout, once.
 *
 * SIGTERM or SIGINT stops it gracefully: readiness turns 503, no new connections, requests in
 * flight answered (at most DOSAR_STOP_TIMEOUT_MS), the executor stopped and its leased jobs given
 * back, work begun after responses (mail) finished, the database closed; then exit 0. A second
 * signal exits at once.
 *
 * DOSAR_PROCESS=web or executor splits the two halves between processes (config.ts); any number of
 * processes of any role share one PostgreSQL database.
 */
async function main(): Promise<void> {
  const serverLog = createServerLog();
  let stopping: (() => Promise<void>) | undefined;
  let stopRequested = false;
  const shutdown = async (signal: string) => {
    if (stopRequested) process.exit(1);
    stopRequested = true;
    beginStopping();
    serverLog.info(`${signal}: stopping`);
    let code = 0;
    try {
      await stopping?.();
      serverLog.info('stopped');
    } catch (err) {
      serverLog.error(`stop: ${(err as Error)?.stack ?? String(err)}`);
      code = 1;
    }
    process.exit(code);
  };
  process.on('SIGINT', () => { void shutdown('SIGINT'); });
  process.on('SIGTERM', () => { void shutdown('SIGTERM'); });
  const settings = settingsFromEnv();
  const { engine, db, close } = await openEngine({ onStepsCommitted: countStepsCommitted });
  await seedDepartments(db);
  const procedures = fileURLToPath(new URL('../procedures', import.meta.url));
  for (const d of await loadProcedures(engine, db, procedures)) serverLog.info(`deployed ${d.key} version ${d.version}`);
  if (db.kind === 'pglite' || process.argv.includes('--demo')) {
    const accounts = await createDemoAccounts(db, engine.clock.now());
    if (accounts.length > 0) {
      console.log('Demo accounts (shown only this once):');
      for (const a of accounts) console.log(`  ${a.role.padEnd(8)} ${a.email}  password: ${a.password}`);
      console.log('A lost password: npx dosar user reset-password <email> prints a one-time password (changed at the next sign-in).');
    }
  }
  mkdirSync(settings.uploadsDir, { recursive: true });
  if (settings.role !== 'executor' && settings.designerDir && (await designerNeedsBuild(settings.designerDir))) await buildDesigner(settings.designerDir);
  const log = serverLog.error;
  const mailer = mailerFromEnv();
  const pdf = PdfRenderer.available() ? new PdfRenderer() : undefined;
  if (!pdf) serverLog.info('Chromium is not installed: documents are issued as HTML only (apt-get install -y chromium adds PDF).');
  const ctx: AppContext = { engine, db, mailer, ...(pdf ? { pdf } : {}), config: settings, files: openStorage(settings.storage), log, background: new Set() };
  bindPaymentStep(ctx);
  // A web-only process (DOSAR_PROCESS=web) runs no duties; an executor-only one serves no pages.
  const duties = settings.role === 'web' ? undefined : startDuties(ctx, settings);
  const app = settings.role === 'executor' ? createExecutorApp(ctx) : createApp(ctx);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(settings.port, settings.host, () => resolve(s));
    s.on('error', reject);
  });
  const roleNote = settings.role === 'all' ? '' : ` as ${settings.role} only (DOSAR_PROCESS)`;
  serverLog.info(`Dosar is serving ${settings.publicUrl}${roleNote} on ${db.kind === 'pglite' ? `the embedded database (${process.env.DOSAR_DATA_DIR ?? './data'})` : 'PostgreSQL'}; Ctrl+C stops it.`);
  stopping = async () => {
    duties?.stopTimers();
    await closeHttpServer(server, stopTimeoutFromEnv());
    await duties?.stopWork();
    await settle(ctx);
    await pdf?.close();
    mailer.close();
    await close();
  };
}

/**
 * The job executor and the periodic duties: digests, PDFs left pending, the orphan sweep, payment
 * polls. Every one is safe in any number of processes at once (claims, compare-and-set, a row per
 * day for the digest), so N processes share them without coordination.
 */
function startDuties(ctx: AppContext, settings: ServerSettings): { stopTimers: () => void; stopWork: () => Promise<void> } {
  const { engine, log } = ctx;
  const executor = startExecutor(engine, { onError: (err) => log(`executor: ${toAppError(err).message}`), onRun: countExecutorRun });
  // PDFs of documents issued just before a stop are printed now, and any left pending every minute.
  const printPending = () => { renderPendingPdfs(ctx).catch((err) => log(`pending PDFs: ${toAppError(err).message}`)); };
  printPending();
  const digests = setInterval(() => {
    sendDueDigests(ctx).catch((err) => log(`due digest: ${toAppError(err).message}`));
    sendEarlyWarnings(ctx).catch((err) => log(`early warning: ${toAppError(err).message}`));
    printPending();
  }, 60_000);
  // Uploads never attached to a request (abandoned forms), and files no row names, go after a day; checked hourly.
  const sweeps = setInterval(() => { sweepOrphans(ctx, { now: engine.clock.now() }).catch((err) => log(`orphan sweep: ${toAppError(err).message}`)); }, 3_600_000);
  // Requests whose process has ended become archive dossiers (server/archive/archive-requests.ts).
  const archiving = setInterval(() => { archiveEndedRequests(ctx).catch((err) => log(`archiving ended requests: ${toAppError(err).message}`)); }, 300_000);
  // Payment orders whose notification is missing are asked about at the provider (those past their
  // deadline expire), and paid orders still without their registered receipt get it.
  const polls = setInterval(() => {
    pollPendingPayments(ctx).catch((err) => log(`payment poll: ${toAppError(err).message}`));
    issueAwaitingReceipts(ctx).catch((err) => log(`payment receipts: ${toAppError(err).message}`));
  }, Number(process.env.DOSAR_PAYMENT_POLL_INTERVAL_S ?? 30) * 1000);
  // Quality figures: new and ended requests every five minutes, each past day once, taking at most
  // its share of time from the steps; a run still going when the next is due is left to finish.
  const stopRollUp = new AbortController();
  const pace = new RollUpPace(settings.qualityRollupShare);
  let rollingUp: Promise<unknown> | undefined;
  const rollups = setInterval(() => {
    rollingUp ??= rollUpQuality(ctx, { pace, signal: stopRollUp.signal })
      .catch((err) => log(`quality roll-up: ${toAppError(err).message}`))
      .finally(() => { rollingUp = undefined; });
  }, 300_000);
  const timers = [digests, sweeps, archiving, polls, rollups];
  for (const t of timers) t.unref();
  return {
    stopTimers: () => { for (const t of timers) clearInterval(t); stopRollUp.abort(); },
    // The executor gives its leased jobs back; a roll-up, aborted, ends its batch.
    stopWork: async () => { await executor.stop(); await rollingUp; },
  };
}

main().catch((err) => {
  const error = toAppError(err);
  console.error(`dosar: ${error.message}`);
  if (error.code === 'internal') console.error(err);
  process.exit(1);
});
