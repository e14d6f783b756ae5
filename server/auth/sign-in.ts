import type { Database } from '../../engine/index.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { authenticate, type User } from './users.ts';

/**
 * Sign-in with a per-account lockout: after MAX_FAILURES wrong passwords within WINDOW_MS, sign-in
 * to the account is refused for LOCK_MS, with the same answer as a wrong password, whether or not
 * the password given is right. A success resets the count.
 *
 * An attacker could otherwise keep a citizen locked out for good by failing 5 times every 15
 * minutes. So failures are counted per lane: a browser that has signed in to the account before
 * carries a device cookie (random, stored hashed, one year) and has a lane of its own, which other
 * browsers' failures do not lock; everyone else shares the account's public lane. Failures during a
 * lock are not counted and do not extend it, and unknown emails are counted like real ones, so the
 * lockout tells nothing about which accounts exist.
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export const DEVICE_COOKIE = 'dosar_device';
export const DEVICE_DAYS = 365;

export type SignInResult = { user: User; device: string } | { user?: undefined; locked: boolean };

export async function signIn(db: Database, input: { email: unknown; password: unknown; device?: string | undefined }, now: Date): Promise<SignInResult> {
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase().slice(0, 320) : '';
  const lane = await laneOf(db, email, input.device);
  const [state] = await db.query<{ locked_until: Date | null }>('select locked_until from sign_in_failures where email = $1 and lane = $2', [email, lane]);
  if (state?.locked_until && new Date(state.locked_until) > now) return { locked: true };

  const user = await authenticate(db, input.email, input.password);
  if (user) {
    const device = input.device && /^[A-Za-z0-9_-]{43}$/.test(input.device) ? input.device : newSecret();
    await db.transaction(async (tx) => {
      await tx.query('delete from sign_in_failures where email = $1', [email]);
      await tx.query('insert into sign_in_devices (id_hash, user_id, created_at) values ($1, $2, $3) on conflict do nothing', [hashSecret(device), user.id, now]);
    });
    return { user, device };
  }
  if (!email) return { locked: false };
  // One statement: count the failure (a new window when the last has ended), lock at the limit,
  // and forget the ended windows and locks of every account.
  const [row] = await db.query<{ locked_until: Date | null }>(
    `with forgotten as (delete from sign_in_failures where forget_at <= $3 and not (email = $1 and lane = $2))
     insert into sign_in_failures as f (email, lane, failures, window_ends_at, locked_until, forget_at)
     values ($1, $2, 1, $4, null, $4)
     on conflict (email, lane) do update set
       failures = case when f.window_ends_at <= $3 then 1 else f.failures + 1 end,
       window_ends_at = case when f.window_ends_at <= $3 then excluded.window_ends_at else f.window_ends_at end,
       locked_until = case when f.window_ends_at > $3 and f.failures + 1 >= $5 then $6::timestamptz else null end,
       forget_at = greatest(case when f.window_ends_at <= $3 then excluded.window_ends_at else f.window_ends_at end,
                            case when f.window_ends_at > $3 and f.failures + 1 >= $5 then $6::timestamptz else $3::timestamptz end)
     returning locked_until`,
    [email, lane, now, new Date(now.getTime() + WINDOW_MS), MAX_FAILURES, new Date(now.getTime() + LOCK_MS)]);
  return { locked: row?.locked_until != null };
}

/** The browser's own lane when its device cookie once signed in to this account, else the public one. */
async function laneOf(db: Database, email: string, device: string | undefined): Promise<string> {
  if (!email || !device || !/^[A-Za-z0-9_-]{43}$/.test(device)) return '';
  const idHash = hashSecret(device);
  const [known] = await db.query('select 1 from sign_in_devices d join users u on u.id = d.user_id where d.id_hash = $1 and u.email = $2', [idHash, email]);
  return known ? idHash : '';
}
