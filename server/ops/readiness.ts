import { AppError, pendingMigrations, type Database } from '../../engine/index.ts';
import { serverMigrations } from '../store/migrations/index.ts';

/**
 * Readiness, apart from liveness (`/health`: the process runs and its database answers). A process is
 * ready for traffic when its database answers and holds every migration this code knows (the
 * engine's and the server's): during a rolling upgrade, a process of the new version stays out of the
 * load balancer until the schema has caught up. It is not ready any more once it has begun to stop.
 */
let stopping = false;

/** Called on SIGTERM: from now on readiness answers 503, so a load balancer sends no new requests. */
export function beginStopping(): void {
  stopping = true;
}

export function isStopping(): boolean {
  return stopping;
}

export async function assertReady(db: Database): Promise<void> {
  if (stopping) throw new AppError('not-ready', { ro: 'Serverul se oprește.', en: 'The server is stopping.' });
  let pending: string[];
  try {
    pending = await pendingMigrations(db, [serverMigrations]);
  } catch (err) {
    throw new AppError('not-ready', { ro: 'Baza de date nu răspunde.', en: 'The database does not answer.' }, { cause: err });
  }
  if (pending.length > 0) {
    throw new AppError('not-ready', { ro: 'Baza de date nu are toate migrările aplicate.', en: 'The database lacks migrations.' }, { details: { pendingMigrations: pending } });
  }
}
