import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError, type Database } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import { ROLES, type Role, type User } from './user.ts';
import { emailTaken, findCredentials, insertUser } from './users-store.ts';

export { ROLES, type Role, type User } from './user.ts';
export { findUserByEmail, findUserById } from './users-store.ts';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;
const MIN_PASSWORD = 10;

function normaliseEmail(email: unknown): string {
  const value = typeof email === 'string' ? email.trim().toLowerCase() : '';
  if (!EMAIL.test(value)) throw new AppError('bad-input', { ro: 'Adresa de e-mail nu este validă.', en: 'The email address is not valid.' });
  return value;
}

export function checkPassword(password: unknown): string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD || password.length > 200) {
    throw new AppError('bad-input', { ro: `Parola trebuie să aibă cel puțin ${MIN_PASSWORD} caractere.`, en: `The password needs at least ${MIN_PASSWORD} characters.` });
  }
  return password;
}

export async function createUser(db: Database, input: { email: string; name?: string; role: Role; password?: string; departments?: string[]; lang?: Lang }, now: Date): Promise<User> {
  const email = normaliseEmail(input.email);
  if (!ROLES.includes(input.role)) throw new AppError('bad-input', { ro: `Rol necunoscut: „${input.role}”; unul dintre ${ROLES.join(', ')}.`, en: `Unknown role "${input.role}"; one of ${ROLES.join(', ')}` });
  const passwordHash = input.password === undefined ? null : await hash(checkPassword(input.password));
  const name = (input.name ?? email.split('@')[0]!).trim().slice(0, 120) || email;
  const departments = [...(input.departments ?? [])];
  return db.transaction(async (tx) => {
    if (await emailTaken(tx, email)) throw new AppError('conflict', { ro: 'Există deja un cont cu această adresă.', en: 'An account with this email already exists.' });
    const user: User = { id: randomUUID(), email, name, role: input.role, lang: input.lang ?? 'ro', departments };
    await insertUser(tx, { ...user, passwordHash, createdAt: now });
    return { ...user, departments: [...departments].sort() };
  });
}

/** The same answer, in about the same time, for an unknown email and a wrong password. */
export async function authenticate(db: Database, email: unknown, password: unknown): Promise<User | undefined> {
  const found = typeof email === 'string' ? await findCredentials(db, email) : undefined;
  const stored = found?.passwordHash ?? DUMMY_HASH;
  const ok = typeof password === 'string' && password.length <= 200 && (await verify(stored, password).catch(() => false));
  return ok && found?.passwordHash ? found.user : undefined;
}

// Verifying against a real hash when the account does not exist keeps timing from revealing accounts.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Pd8aK4ZbdhMDi2lBwH+5YIbzxixEixCqTQbfH6GMlo';
