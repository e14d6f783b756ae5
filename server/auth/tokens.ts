import type { Database } from '../../engine/store/database.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { SELECT_USER, toUser, type User, type UserRow } from './users.ts';

/** A personal access token: printed once, stored as its hash. Prefixed so leaks are easy to spot. */
export async function createApiToken(db: Database, userId: string, now: Date): Promise<string> {
  const token = `dosar_${newSecret()}`;
  await db.query('insert into api_tokens (token_hash, user_id, created_at) values ($1, $2, $3)', [hashSecret(token), userId, now]);
  return token;
}

export async function userOfToken(db: Database, token: string, now: Date): Promise<User | undefined> {
  if (!/^dosar_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  // One query on every API call; last use is recorded at most once a minute (a write per call would cost more than the call).
  const [row] = await db.query<UserRow & { stale: boolean }>(
    `${SELECT_USER.replace('select ', "select (t.last_used_at is null or t.last_used_at < $2::timestamptz - interval '1 minute') as stale, ")}
     join api_tokens t on t.user_id = u.id where t.token_hash = $1`,
    [hashSecret(token), now]);
  if (!row) return undefined;
  if (row.stale) await db.query('update api_tokens set last_used_at = $2 where token_hash = $1', [hashSecret(token), now]);
  return toUser(row);
}
