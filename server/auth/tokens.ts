import { randomUUID } from 'node:crypto';
import { AppError, type Database } from '../../engine/index.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { SELECT_USER, toUser, type User, type UserRow } from './users.ts';

/** Tokens live 90 days unless asked otherwise, and never more than a year: a leaked one dies on its own. */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

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

/** "30d", "12h", "2w" (days, hours, weeks): from one hour up to a year. */
export function parseLifetime(text: unknown): number {
  const match = typeof text === 'string' ? /^(\d{1,4})([hdw])$/.exec(text.trim()) : null;
  const ms = match ? Number(match[1]) * { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[match[2] as 'h' | 'd' | 'w'] : NaN;
  if (!(ms >= 3_600_000 && ms <= MAX_TOKEN_DAYS * 86_400_000)) {
    throw new AppError('bad-input', `Durata de valabilitate se scrie ca 30d, 12h sau 2w, între o oră și ${MAX_TOKEN_DAYS} de zile. / A lifetime is written 30d, 12h or 2w, from one hour to ${MAX_TOKEN_DAYS} days.`);
  }
  return ms;
}

/** A personal access token: printed once, stored as its hash. Prefixed so leaks are easy to spot. */
export async function createApiToken(db: Database, userId: string, now: Date, lifetimeMs = DEFAULT_TOKEN_DAYS * 86_400_000): Promise<string> {
  return (await issueApiToken(db, userId, now, lifetimeMs)).token;
}

export async function issueApiToken(db: Database, userId: string, now: Date, lifetimeMs = DEFAULT_TOKEN_DAYS * 86_400_000): Promise<{ token: string; view: ApiTokenView }> {
  const token = `dosar_${newSecret()}`;
  const id = randomUUID();
  await db.query('insert into api_tokens (id, token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4, $5)', [id, hashSecret(token), userId, now, new Date(now.getTime() + lifetimeMs)]);
  const view = await findApiToken(db, id, now);
  return { token, view: view! };
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

export async function findApiToken(db: Database, id: string, now: Date): Promise<ApiTokenView | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.query<TokenRow>(`${SELECT_TOKEN} where t.id = $1`, [id]);
  return row ? toView(row, now) : undefined;
}

/** An account's tokens, newest first; or everyone's (admins' page) without a user. */
export async function listApiTokens(db: Database, userId: string | undefined, now: Date, limit = 500): Promise<ApiTokenView[]> {
  const rows = userId
    ? await db.query<TokenRow>(`${SELECT_TOKEN} where t.user_id = $1 order by t.created_at desc, t.id limit $2`, [userId, limit])
    : await db.query<TokenRow>(`${SELECT_TOKEN} order by (t.revoked_at is null and t.expires_at > $1) desc, t.created_at desc, t.id limit $2`, [now, limit]);
  return rows.map((r) => toView(r, now));
}

/** Revokes at once; revoking a revoked token keeps its first revocation time. */
export async function revokeApiToken(db: Database, id: string, now: Date): Promise<ApiTokenView> {
  const found = await findApiToken(db, id, now);
  if (!found) throw new AppError('not-found', 'Tokenul nu există. / No such token.');
  await db.query('update api_tokens set revoked_at = $2 where id = $1 and revoked_at is null', [id, now]);
  return (await findApiToken(db, id, now))!;
}

export async function userOfToken(db: Database, token: string, now: Date): Promise<User | undefined> {
  if (!/^dosar_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  // One query on every API call; last use is recorded at most once a minute (a write per call would cost more than the call).
  const [row] = await db.query<UserRow & { stale: boolean }>(
    `${SELECT_USER.replace('select ', "select (t.last_used_at is null or t.last_used_at < $2::timestamptz - interval '1 minute') as stale, ")}
     join api_tokens t on t.user_id = u.id where t.token_hash = $1 and t.revoked_at is null and t.expires_at > $2`,
    [hashSecret(token), now]);
  if (!row) return undefined;
  if (row.stale) await db.query('update api_tokens set last_used_at = $2 where token_hash = $1', [hashSecret(token), now]);
  return toUser(row);
}
