import type { Database } from '../../engine/index.ts';

/** Storage of sign-in failures per account and lane, and of the browsers that signed in (`sign_in_*`). */

/** When the lane's lock ends, if it is locked at all. */
export async function lockedUntil(db: Database, email: string, lane: string): Promise<Date | undefined> {
  const [state] = await db.query<{ locked_until: Date | null }>('select locked_until from sign_in_failures where email = $1 and lane = $2', [email, lane]);
  return state?.locked_until ? new Date(state.locked_until) : undefined;
}

/** A success: the account's failures are forgotten, and this browser is known to it from now on. */
export async function recordSuccess(db: Database, email: string, device: { idHash: string; userId: string }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('delete from sign_in_failures where email = $1', [email]);
    await tx.query('insert into sign_in_devices (id_hash, user_id, created_at) values ($1, $2, $3) on conflict do nothing', [device.idHash, device.userId, now]);
  });
}

/**
 * One statement: counts a failure (a new window when the last has ended), locks at `maxFailures`,
 * and forgets the ended windows and locks of every account. Says whether the lane is now locked,
 * and how many failures its window holds.
 */
export async function recordFailure(db: Database, email: string, lane: string, now: Date, rule: { windowMs: number; lockMs: number; maxFailures: number }): Promise<{ locked: boolean; failures: number }> {
  const [row] = await db.query<{ locked_until: Date | null; failures: number }>(
    `with forgotten as (delete from sign_in_failures where forget_at <= $3 and not (email = $1 and lane = $2))
     insert into sign_in_failures as f (email, lane, failures, window_ends_at, locked_until, forget_at)
     values ($1, $2, 1, $4, null, $4)
     on conflict (email, lane) do update set
       failures = case when f.window_ends_at <= $3 then 1 else f.failures + 1 end,
       window_ends_at = case when f.window_ends_at <= $3 then excluded.window_ends_at else f.window_ends_at end,
       locked_until = case when f.window_ends_at > $3 and f.failures + 1 >= $5 then $6::timestamptz else null end,
       forget_at = greatest(case when f.window_ends_at <= $3 then excluded.window_ends_at else f.window_ends_at end,
                            case when f.window_ends_at > $3 and f.failures + 1 >= $5 then $6::timestamptz else $3::timestamptz end)
     returning locked_until, failures`,
    [email, lane, now, new Date(now.getTime() + rule.windowMs), rule.maxFailures, new Date(now.getTime() + rule.lockMs)]);
  return { locked: row?.locked_until != null, failures: row?.failures ?? 1 };
}

/** Whether the browser with this device hash once signed in to the account. */
export async function knownDevice(db: Database, idHash: string, email: string): Promise<boolean> {
  return (await db.query('select 1 from sign_in_devices d join users u on u.id = d.user_id where d.id_hash = $1 and u.email = $2', [idHash, email])).length > 0;
}
