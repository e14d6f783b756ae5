import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError, type Database } from '../../engine/index.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { insertReset, lastLiveReset, liveResetOwner, passwordHashOf, replacePassword, useReset } from './passwords-store.ts';
import { checkPassword, findUserByEmail, findUserById, type User } from './users.ts';

/**
 * Getting back into an account. Citizens reset their own password with a link mailed to them (its
 * token random, stored hashed, alive RESET_LINK_MS, used once). Staff accounts are not reset by mail
 * (a mailbox is a weaker guard than the institution's administrator): an administrator, or the
 * `dosar user reset-password` command, gives them a one-time password that must be changed at the
 * next sign-in. Any new password ends the account's sessions and its other reset links.
 */
const RESET_LINK_MS = 60 * 60_000;
/** One mail per account per minute at most, whatever the per-address limits let through. */
const RESET_MAIL_GAP_MS = 60_000;

const expiredLink = () => new AppError('not-found', { ro: 'Linkul de resetare a parolei nu mai este valabil (a expirat sau a fost deja folosit). Cereți unul nou.', en: 'This password reset link is no longer valid (it expired or was used already). Ask for a new one.' });

/**
 * A reset link's token for a citizen's account, or nothing (unknown email, a staff account, a link
 * made less than a minute ago): the caller answers the same in every case, so nothing tells which
 * emails have accounts.
 */
export async function startPasswordReset(db: Database, email: unknown, now: Date): Promise<{ user: User; token: string } | undefined> {
  if (typeof email !== 'string' || email.length > 320) return undefined;
  const user = await findUserByEmail(db, email);
  if (!user || user.role !== 'citizen') return undefined;
  const last = await lastLiveReset(db, user.id, now);
  if (last && now.getTime() - last.getTime() < RESET_MAIL_GAP_MS) return undefined;
  const token = newSecret();
  await insertReset(db, { tokenHash: hashSecret(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + RESET_LINK_MS) });
  return { user, token };
}

/** Throws not-found unless the link is alive and unused. */
export async function assertResetLink(db: Database, token: unknown, now: Date): Promise<void> {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token) || !(await liveResetOwner(db, hashSecret(token), now))) throw expiredLink();
}

/** Sets the new password through a link, which is then used up. */
export async function finishPasswordReset(db: Database, token: unknown, password: unknown, now: Date): Promise<User> {
  const valid = checkPassword(password);
  await assertResetLink(db, token, now);
  const passwordHash = await hash(valid);
  const userId = await db.transaction(async (tx) => {
    const owner = await useReset(tx, hashSecret(token as string), now);
    if (!owner) throw expiredLink();
    await replacePassword(tx, owner, passwordHash, false);
    return owner;
  });
  return (await findUserById(db, userId))!;
}

/** A one-time password for an account (administrator or CLI): shown once, to be changed at the next sign-in. */
export async function setOneTimePassword(db: Database, email: unknown): Promise<{ user: User; password: string }> {
  const user = typeof email === 'string' ? await findUserByEmail(db, email) : undefined;
  if (!user) throw new AppError('not-found', { ro: `Nu există niciun cont cu adresa ${String(email)}.`, en: `No account has the email ${String(email)}.` });
  // 15 random bytes: 20 URL-safe characters, easy to read out and type once.
  const password = randomBytes(15).toString('base64url');
  const passwordHash = await hash(password);
  await db.transaction((tx) => replacePassword(tx, user.id, passwordHash, true));
  return { user, password };
}

/** A signed-in account chooses a new password; the current one is asked unless it was a one-time password just used. */
export async function changePassword(db: Database, userId: string, input: { current?: unknown; password: unknown; forced: boolean }): Promise<void> {
  const valid = checkPassword(input.password);
  const stored = await passwordHashOf(db, userId);
  if (input.forced && stored !== null && (await verify(stored, valid).catch(() => false))) {
    throw new AppError('bad-input', { ro: 'Alegeți o parolă nouă, alta decât cea primită.', en: 'Choose a new password, not the one you were given.' });
  }
  if (!input.forced) {
    const ok = stored !== null && typeof input.current === 'string' && input.current.length <= 200 && (await verify(stored, input.current).catch(() => false));
    if (!ok) throw new AppError('bad-input', { ro: 'Parola actuală nu este corectă.', en: 'The current password is wrong.' });
  }
  const passwordHash = await hash(valid);
  await db.transaction((tx) => replacePassword(tx, userId, passwordHash, false));
}
