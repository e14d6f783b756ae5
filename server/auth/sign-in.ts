import type { Database } from '../../engine/index.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { knownDevice, lockedUntil, recordFailure, recordSuccess } from './sign-in-store.ts';
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
 *
 * Before the lock, each failure after the first in a window answers more slowly (SLOW_DOWN_MS more
 * each time), so even a guesser spread over many addresses, which the per-address limit does not
 * see, gets few tries per account; its owner, who mistypes once, does not wait.
 */
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
export const SLOW_DOWN_MS = 250;

export const DEVICE_COOKIE = 'dosar_device';
export const DEVICE_DAYS = 365;

export type SignInResult = { user: User; device: string } | { user?: undefined; locked: boolean };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function signIn(db: Database, input: { email: unknown; password: unknown; device?: string | undefined }, now: Date, wait: (ms: number) => Promise<void> = sleep): Promise<SignInResult> {
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase().slice(0, 320) : '';
  const lane = await laneOf(db, email, input.device);
  const until = await lockedUntil(db, email, lane);
  if (until && until > now) return { locked: true };

  const user = await authenticate(db, input.email, input.password);
  if (user) {
    const device = input.device && /^[A-Za-z0-9_-]{43}$/.test(input.device) ? input.device : newSecret();
    await recordSuccess(db, email, { idHash: hashSecret(device), userId: user.id }, now);
    return { user, device };
  }
  if (!email) return { locked: false };
  const failure = await recordFailure(db, email, lane, now, { windowMs: WINDOW_MS, lockMs: LOCK_MS, maxFailures: MAX_FAILURES });
  await wait(slowDownMs(failure.failures));
  return { locked: failure.locked };
}

/** The wait added to a wrong password: none for the first of a window, then growing. */
export function slowDownMs(failures: number): number {
  return Math.min(Math.max(failures - 1, 0), MAX_FAILURES - 1) * SLOW_DOWN_MS;
}

/** The browser's own lane when its device cookie once signed in to this account, else the public one. */
async function laneOf(db: Database, email: string, device: string | undefined): Promise<string> {
  if (!email || !device || !/^[A-Za-z0-9_-]{43}$/.test(device)) return '';
  const idHash = hashSecret(device);
  return (await knownDevice(db, idHash, email)) ? idHash : '';
}
