import type { Database } from '../../engine/index.ts';

/** Storage of password changes: reset links (`password_resets`), password hashes and the forced change flag (`users`). */

export async function insertReset(db: Database, reset: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await db.query('insert into password_resets (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)', [reset.tokenHash, reset.userId, reset.createdAt, reset.expiresAt]);
}

/** When the account's newest reset link was made, if any is still unused and alive. */
export async function lastLiveReset(db: Database, userId: string, now: Date): Promise<Date | undefined> {
  const [row] = await db.query<{ created_at: Date }>('select created_at from password_resets where user_id = $1 and used_at is null and expires_at > $2 order by created_at desc limit 1', [userId, now]);
  return row ? new Date(row.created_at) : undefined;
}

/** The account a live, unused link belongs to. */
export async function liveResetOwner(db: Database, tokenHash: string, now: Date): Promise<string | undefined> {
  const [row] = await db.query<{ user_id: string }>('select user_id from password_resets where token_hash = $1 and used_at is null and expires_at > $2', [tokenHash, now]);
  return row?.user_id;
}

/** Compare-and-set: the link is used once, by whichever post gets here first. */
export async function useReset(tx: Database, tokenHash: string, now: Date): Promise<string | undefined> {
  const [row] = await tx.query<{ user_id: string }>('update password_resets set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2 returning user_id', [tokenHash, now]);
  return row?.user_id;
}

/**
 * A new password hash: every other reset link of the account, its sessions and its failed sign-ins
 * go (whoever knew the old password or held a session is out). `mustChange` marks a one-time password.
 */
export async function replacePassword(tx: Database, userId: string, passwordHash: string, mustChange: boolean): Promise<void> {
  const [user] = await tx.query<{ email: string }>('update users set password_hash = $2, must_change_password = $3 where id = $1 returning email', [userId, passwordHash, mustChange]);
  await tx.query('delete from password_resets where user_id = $1 and used_at is null', [userId]);
  await tx.query('delete from sessions where user_id = $1', [userId]);
  if (user) await tx.query('delete from sign_in_failures where email = $1', [user.email]);
}

export async function passwordHashOf(db: Database, userId: string): Promise<string | null> {
  const [row] = await db.query<{ password_hash: string | null }>('select password_hash from users where id = $1', [userId]);
  return row?.password_hash ?? null;
}
