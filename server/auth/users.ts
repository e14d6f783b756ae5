import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError, type Database } from '../../engine/index.ts';

export type Role = 'citizen' | 'clerk' | 'analyst' | 'admin';
export const ROLES: Role[] = ['citizen', 'clerk', 'analyst', 'admin'];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  lang: 'ro' | 'en';
  /** Candidate groups this person works in (clerks). */
  departments: string[];
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;
export const MIN_PASSWORD = 10;

export interface UserRow { id: string; email: string; name: string; role: Role; lang: 'ro' | 'en'; password_hash: string | null; departments: string[] | null }

/** Every user column and the departments; callers add `where`. */
export const SELECT_USER = `select u.id, u.email, u.name, u.role, u.lang, u.password_hash,
  coalesce((select array_agg(d.department order by d.department) from user_departments d where d.user_id = u.id), '{}') as departments
  from users u`;

export function toUser(r: UserRow): User {
  return { id: r.id, email: r.email, name: r.name, role: r.role, lang: r.lang, departments: r.departments ?? [] };
}

export function normaliseEmail(email: unknown): string {
  const value = typeof email === 'string' ? email.trim().toLowerCase() : '';
  if (!EMAIL.test(value)) throw new AppError('bad-input', 'Adresa de e-mail nu este validă. / The email address is not valid.');
  return value;
}

export function checkPassword(password: unknown): string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD || password.length > 200) {
    throw new AppError('bad-input', `Parola trebuie să aibă cel puțin ${MIN_PASSWORD} caractere. / The password needs at least ${MIN_PASSWORD} characters.`);
  }
  return password;
}

export async function createUser(db: Database, input: { email: string; name?: string; role: Role; password?: string; departments?: string[]; lang?: 'ro' | 'en' }, now: Date): Promise<User> {
  const email = normaliseEmail(input.email);
  if (!ROLES.includes(input.role)) throw new AppError('bad-input', `Unknown role "${input.role}"; one of ${ROLES.join(', ')}`);
  const passwordHash = input.password === undefined ? null : await hash(checkPassword(input.password));
  const name = (input.name ?? email.split('@')[0]!).trim().slice(0, 120) || email;
  return db.transaction(async (tx) => {
    const existing = await tx.query('select 1 from users where email = $1', [email]);
    if (existing.length > 0) throw new AppError('conflict', 'Există deja un cont cu această adresă. / An account with this email already exists.');
    const id = randomUUID();
    await tx.query('insert into users (id, email, name, role, password_hash, lang, created_at) values ($1, $2, $3, $4, $5, $6, $7)', [id, email, name, input.role, passwordHash, input.lang ?? 'ro', now]);
    for (const department of input.departments ?? []) {
      await tx.query('insert into departments (code, name_ro, name_en) values ($1, $1, $1) on conflict do nothing', [department]);
      await tx.query('insert into user_departments (user_id, department) values ($1, $2)', [id, department]);
    }
    return { id, email, name, role: input.role, lang: input.lang ?? 'ro', departments: [...(input.departments ?? [])].sort() };
  });
}

export async function findUserById(db: Database, id: string): Promise<User | undefined> {
  const [row] = await db.query<UserRow>(`${SELECT_USER} where u.id = $1`, [id]);
  return row ? toUser(row) : undefined;
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [row] = await db.query<UserRow>(`${SELECT_USER} where u.email = $1`, [email.trim().toLowerCase()]);
  return row ? toUser(row) : undefined;
}

/** The same answer, in about the same time, for an unknown email and a wrong password. */
export async function authenticate(db: Database, email: unknown, password: unknown): Promise<User | undefined> {
  const [row] = typeof email === 'string' ? await db.query<UserRow>(`${SELECT_USER} where u.email = $1`, [email.trim().toLowerCase()]) : [];
  const stored = row?.password_hash ?? DUMMY_HASH;
  const ok = typeof password === 'string' && password.length <= 200 && (await verify(stored, password).catch(() => false));
  return ok && row?.password_hash ? toUser(row) : undefined;
}

// Verifying against a real hash when the account does not exist keeps timing from revealing accounts.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Pd8aK4ZbdhMDi2lBwH+5YIbzxixEixCqTQbfH6GMlo';
