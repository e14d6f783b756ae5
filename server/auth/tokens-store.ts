import { groupCommit, type Database } from '../../engine/index.ts';
import type { User } from './user.ts';
import { SELECT_USER, toUser, type UserRow } from './users-store.ts';

/** Storage of personal access tokens (table `api_tokens`): only their hashes. */

/** What is known of a token without its secret (which is never stored). */
export interface ApiTokenView {
  id: string;
  email: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** active, expired or revoked, as of the time of the listing. */
  state: 'active' | 'expired' | 'revoked';
}

interface TokenRow { id: string; email: string; created_at: Date; expires_at: Date; last_used_at: Date | null; revoked_at: Date | null }

const SELECT_TOKEN = 'select t.id, u.email, t.created_at, t.expires_at, t.last_used_at, t.revoked_at from api_tokens t join users u on u.id = t.user_id';

function toView(row: TokenRow, now: Date): ApiTokenView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id, email: row.email, createdAt: iso(row.created_at)!, expiresAt: iso(row.expires_at)!, lastUsedAt: iso(row.last_used_at), revokedAt: iso(row.revoked_at),
    state: row.revoked_at ? 'revoked' : new Date(row.expires_at) <= now ? 'expired' : 'active',
  };
}

export async function insertApiToken(db: Database, token: { id: string; hash: string; userId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await db.query('insert into api_tokens (id, token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4, $5)', [token.id, token.hash, token.userId, token.createdAt, token.expiresAt]);
}

export async function findApiToken(db: Database, id: string, now: Date): Promise<ApiTokenView | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.query<TokenRow>(`${SELECT_TOKEN} where t.id = $1`, [id]);
  return row ? toView(row, now) : undefined;
}

/** An account's tokens, newest first; or everyone's (admins' page, live ones first) without a user. */
export async function listApiTokens(db: Database, userId: string | undefined, now: Date, limit = 500): Promise<ApiTokenView[]> {
  const rows = userId
    ? await db.query<TokenRow>(`${SELECT_TOKEN} where t.user_id = $1 order by t.created_at desc, t.id limit $2`, [userId, limit])
    : await db.query<TokenRow>(`${SELECT_TOKEN} order by (t.revoked_at is null and t.expires_at > $1) desc, t.created_at desc, t.id limit $2`, [now, limit]);
  return rows.map((r) => toView(r, now));
}

/** Keeps the first revocation time of a token revoked twice. */
export async function markRevoked(db: Database, id: string, now: Date): Promise<void> {
  await db.query('update api_tokens set revoked_at = $2 where id = $1 and revoked_at is null', [id, now]);
}

/**
 * The account of a live token. One query on every API call, so the calls of one turn of the event
 * loop share it (engine/store/group-commit.ts), each with its own time; while it runs, later calls
 * wait and share the next. Last use is recorded at most once a minute (a write per call would cost
 * more than the call).
 */
export async function userOfTokenHash(db: Database, hash: string, now: Date): Promise<User | undefined> {
  let lookup = tokenLookups.get(db);
  if (!lookup) tokenLookups.set(db, (lookup = groupCommit((asked: Array<{ hash: string; now: Date }>) => usersOfTokens(db, asked), { maxBatch: 256, maxInFlight: 1 })));
  const row = await lookup({ hash, now });
  if (!row) return undefined;
  if (row.stale) await db.query('update api_tokens set last_used_at = $2 where token_hash = $1', [hash, now]);
  return toUser(row);
}

type TokenUserRow = UserRow & { stale: boolean };
const tokenLookups = new WeakMap<Database, (asked: { hash: string; now: Date }) => Promise<TokenUserRow | undefined>>();

// Named like the other statements on every submission's path: prepared once per connection, as
// parsing and planning them each time cost PostgreSQL more than running them (server bench).
async function usersOfTokens(db: Database, asked: Array<{ hash: string; now: Date }>): Promise<Array<TokenUserRow | undefined>> {
  const rows = await db.query<TokenUserRow & { i: string }>(
    `${SELECT_USER.replace('select ', "select a.i, (t.last_used_at is null or t.last_used_at < a.now - interval '1 minute') as stale, ")}
     join api_tokens t on t.user_id = u.id
     join unnest($1::text[], $2::timestamptz[]) with ordinality as a(hash, now, i) on t.token_hash = a.hash
     where t.revoked_at is null and t.expires_at > a.now`,
    [asked.map((a) => a.hash), asked.map((a) => a.now)], 'dosar_users_of_tokens');
  const found = new Map(rows.map((r) => [Number(r.i) - 1, r]));
  return asked.map((_, i) => found.get(i));
}
