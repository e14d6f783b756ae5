import type { Database } from '../../engine/index.ts';
import { ensureDepartment } from '../departments/departments-store.ts';
import type { Role, User } from './user.ts';

/** Storage of accounts (tables `users`, `user_departments`). */

export interface UserRow { id: string; email: string; name: string; role: Role; lang: User['lang']; password_hash: string | null; departments: string[] | null }

/** Every user column and the departments; callers add `where` (and may prepend columns). */
export const SELECT_USER = `select u.id, u.email, u.name, u.role, u.lang, u.password_hash,
  coalesce((select array_agg(d.department order by d.department) from user_departments d where d.user_id = u.id), '{}') as departments
  from users u`;

export function toUser(r: UserRow): User {
  return { id: r.id, email: r.email, name: r.name, role: r.role, lang: r.lang, departments: r.departments ?? [] };
}

export async function findUserById(db: Database, id: string): Promise<User | undefined> {
  const [row] = await db.query<UserRow>(`${SELECT_USER} where u.id = $1`, [id]);
  return row ? toUser(row) : undefined;
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [row] = await db.query<UserRow>(`${SELECT_USER} where u.email = $1`, [email.trim().toLowerCase()]);
  return row ? toUser(row) : undefined;
}

/** The account and its password hash (null for accounts that cannot sign in with a password). */
export async function findCredentials(db: Database, email: string): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const [row] = await db.query<UserRow>(`${SELECT_USER} where u.email = $1`, [email.trim().toLowerCase()]);
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

export async function emailTaken(db: Database, email: string): Promise<boolean> {
  return (await db.query('select 1 from users where email = $1', [email])).length > 0;
}

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from users');
  return row?.n ?? 0;
}

/** Writes a new account and its departments (created if unknown); call inside a transaction. */
export async function insertUser(tx: Database, user: User & { passwordHash: string | null; createdAt: Date }): Promise<void> {
  await tx.query('insert into users (id, email, name, role, password_hash, lang, created_at) values ($1, $2, $3, $4, $5, $6, $7)', [user.id, user.email, user.name, user.role, user.passwordHash, user.lang, user.createdAt]);
  for (const department of user.departments) {
    await ensureDepartment(tx, department);
    await tx.query('insert into user_departments (user_id, department) values ($1, $2)', [user.id, department]);
  }
}

/** The admin page's list: staff first by role, then by email. */
export async function listAccounts(db: Database, limit = 500): Promise<Array<Pick<User, 'email' | 'name' | 'role' | 'departments'>>> {
  return db.query<{ email: string; name: string; role: Role; departments: string[] }>(
    `select u.email, u.name, u.role, coalesce(array_agg(d.department order by d.department) filter (where d.department is not null), '{}') as departments
     from users u left join user_departments d on d.user_id = u.id group by u.id order by u.role, u.email limit $1`, [limit]);
}

/** Every account with this role, by email. */
export async function listUsersByRole(db: Database, role: Role): Promise<User[]> {
  return (await db.query<UserRow>(`${SELECT_USER} where u.role = $1 order by u.email`, [role])).map(toUser);
}

/** Clerks and administrators working in any of these departments, or all of them when none is given. */
export async function listStaff(db: Database, departments: string[]): Promise<Array<{ email: string; name: string }>> {
  return departments.length > 0
    ? db.query(
      `select distinct u.email, u.name from users u join user_departments d on d.user_id = u.id
       where u.role in ('clerk', 'admin') and d.department = any($1::text[]) order by u.name`, [departments])
    : db.query("select email, name from users where role in ('clerk', 'admin') order by name");
}
