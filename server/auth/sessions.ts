import type { Database } from '../../engine/index.ts';
import { findUserById, type User } from './users.ts';
import { hashSecret, newSecret } from './secrets.ts';

export const SESSION_COOKIE = 'dosar_session';
const SESSION_DAYS = 7;

/** `mustChangePassword`: the account signed in with a one-time password and must choose its own first. */
export interface Session { user: User; csrf: string; mustChangePassword: boolean }

export async function createSession(db: Database, userId: string, now: Date): Promise<{ id: string; csrf: string; createdAt: string; expiresAt: Date }> {
  const id = newSecret();
  const csrf = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.query('delete from sessions where expires_at < $1', [now]);
  await db.query('insert into sessions (id_hash, user_id, csrf, created_at, expires_at) values ($1, $2, $3, $4, $5)', [hashSecret(id), userId, csrf, now, expiresAt]);
  return { id, csrf, createdAt: now.toISOString(), expiresAt };
}

export async function findSession(db: Database, id: string, now: Date): Promise<Session | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
  const [row] = await db.query<{ user_id: string; csrf: string; must_change_password: boolean }>(
    'select s.user_id, s.csrf, u.must_change_password from sessions s join users u on u.id = s.user_id where s.id_hash = $1 and s.expires_at > $2', [hashSecret(id), now]);
  if (!row) return undefined;
  const user = await findUserById(db, row.user_id);
  return user ? { user, csrf: row.csrf, mustChangePassword: row.must_change_password } : undefined;
}

export async function destroySession(db: Database, id: string): Promise<void> {
  await db.query('delete from sessions where id_hash = $1', [hashSecret(id)]);
}
