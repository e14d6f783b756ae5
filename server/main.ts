import { fileURLToPath } from 'node:url';
import { startExecutor } from '../engine/jobs/executor.ts';
import { toAppError } from '../engine/errors.ts';
import { loadProcedures } from './load-procedures.ts';
import { openEngine } from './open-engine.ts';

/** `npm start`: the engine and its job executor on the configured database, with procedures/ deployed. */
async function main(): Promise<void> {
  let stopping: (() => Promise<void>) | undefined;
  const shutdown = async () => {
    await stopping?.();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  const { engine, db, close } = await openEngine();
  const procedures = fileURLToPath(new URL('../procedures', import.meta.url));
  const deployed = await loadProcedures(engine, db, procedures);
  for (const d of deployed) console.log(`deployed ${d.key} version ${d.version}`);
  const executor = startExecutor(engine, { onError: (err) => console.error(`executor: ${toAppError(err).message}`) });
  console.log(`Dosar engine running on ${db.kind === 'pglite' ? `the embedded database (${process.env.DOSAR_DATA_DIR ?? './data'})` : 'PostgreSQL'}; Ctrl+C stops it.`);
  stopping = async () => {
    await executor.stop();
    await close();
  };
}

main().catch((err) => {
  const error = toAppError(err);
  console.error(`dosar: ${error.message}`);
  if (error.code === 'internal') console.error(err);
  process.exit(1);
});
