import { randomUUID } from 'node:crypto';
import { AppError, type Database } from '../../engine/index.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { findApiToken, insertApiToken, markRevoked, userOfTokenHash, type ApiTokenView } from './tokens-store.ts';
import type { User } from './user.ts';
import { findUserByEmail } from './users-store.ts';

export { listApiTokens, type ApiTokenView } from './tokens-store.ts';

/** Tokens live 90 days unless asked otherwise, and never more than a year: a leaked one dies on its own. */
export const DEFAULT_TOKEN_DAYS = 90;
const MAX_TOKEN_DAYS = 365;

/** "30d", "12h", "2w" (days, hours, weeks): from one hour up to a year. */
export function parseLifetime(text: unknown): number {
  const match = typeof text === 'string' ? /^(\d{1,4})([hdw])$/.exec(text.trim()) : null;
  const ms = match ? Number(match[1]) * { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[match[2] as 'h' | 'd' | 'w'] : NaN;
  if (!(ms >= 3_600_000 && ms <= MAX_TOKEN_DAYS * 86_400_000)) {
    throw new AppError('bad-input', { ro: `Durata de valabilitate se scrie ca 30d, 12h sau 2w, între o oră și ${MAX_TOKEN_DAYS} de zile.`, en: `A lifetime is written 30d, 12h or 2w, from one hour to ${MAX_TOKEN_DAYS} days.` });
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
  await insertApiToken(db, { id, hash: hashSecret(token), userId, createdAt: now, expiresAt: new Date(now.getTime() + lifetimeMs) });
  const view = await findApiToken(db, id, now);
  return { token, view: view! };
}

/** Revokes at once; revoking a revoked token keeps its first revocation time. */
export async function revokeApiToken(db: Database, id: string, now: Date): Promise<ApiTokenView> {
  const found = await findApiToken(db, id, now);
  if (!found) throw new AppError('not-found', { ro: 'Tokenul nu există.', en: 'No such token.' });
  await markRevoked(db, id, now);
  return (await findApiToken(db, id, now))!;
}

export async function userOfToken(db: Database, token: string, now: Date): Promise<User | undefined> {
  if (!/^dosar_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return userOfTokenHash(db, hashSecret(token), now);
}

/**
 * The account whose tokens are managed: the caller's own, or (admins only) the one named by email.
 * Someone else's token is "not found" to a non-admin, so ids leak nothing.
 */
export async function tokenAccount(db: Database, caller: User, email: unknown): Promise<User> {
  if (email === undefined || email === '' || (typeof email === 'string' && email.trim().toLowerCase() === caller.email)) return caller;
  if (caller.role !== 'admin') throw new AppError('forbidden', { ro: 'Doar administratorii gestionează tokenurile altor conturi.', en: 'Only admins manage other accounts\' tokens.' });
  const user = typeof email === 'string' ? await findUserByEmail(db, email) : undefined;
  if (!user) throw new AppError('not-found', { ro: `Niciun cont nu are adresa ${String(email)}.`, en: `No account has the email ${String(email)}.` });
  return user;
}

/** Revokes a token of the caller's own (any, for admins). */
export async function revokeTokenAs(db: Database, caller: User, id: string, now: Date): Promise<ApiTokenView> {
  const token = await findApiToken(db, id, now);
  if (!token || (caller.role !== 'admin' && token.email !== caller.email)) throw new AppError('not-found', { ro: 'Tokenul nu există.', en: 'No such token.' });
  return revokeApiToken(db, token.id, now);
}

/** An admin's token for an account named by email, living a whole number of days. */
export async function issueTokenForAccount(db: Database, email: string, days: unknown, now: Date): Promise<{ token: string; view: ApiTokenView }> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new AppError('not-found', { ro: `Niciun cont nu are adresa ${email}.`, en: `No account has the email ${email}.` });
  const n = Number(days ?? DEFAULT_TOKEN_DAYS);
  if (!Number.isInteger(n) || n < 1 || n > MAX_TOKEN_DAYS) throw new AppError('bad-input', { ro: `Un token este valabil între 1 și ${MAX_TOKEN_DAYS} de zile.`, en: `A token lives 1 to ${MAX_TOKEN_DAYS} days.` });
  return issueApiToken(db, user.id, now, n * 86_400_000);
}
