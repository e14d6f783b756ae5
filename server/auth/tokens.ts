import type { Database } from '../../engine/store/database.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { findUserById, type User } from './users.ts';

/** A personal access token: printed once, stored as its hash. Prefixed so leaks are easy to spot. */
export async function createApiToken(db: Database, userId: string, now: Date): Promise<string> {
  const token = `dosar_${newSecret()}`;
  await db.query('insert into api_tokens (token_hash, user_id, created_at) values ($1, $2, $3)', [hashSecret(token), userId, now]);
  return token;
}

export async function userOfToken(db: Database, token: string, now: Date): Promise<User | undefined> {
  if (!/^dosar_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await db.query<{ user_id: string }>('update api_tokens set last_used_at = $2 where token_hash = $1 returning user_id', [hashSecret(token), now]);
  return row ? findUserById(db, row.user_id) : undefined;
}
