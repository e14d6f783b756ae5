import type { Database } from '../../engine/index.ts';

/**
 * Claims a daily job's day (table `scheduled_runs`): true for the one process that gets it, so
 * however many servers run, the job runs once per day.
 */
export async function claimDailyRun(db: Database, name: string, day: string, now: Date): Promise<boolean> {
  const claimed = await db.query('insert into scheduled_runs (name, day, started_at) values ($1, $2, $3) on conflict do nothing returning day', [name, day, now]);
  return claimed.length > 0;
}
