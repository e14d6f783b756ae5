import type { Wording, Database } from '../../engine/index.ts';

/** A department: the candidate group clerks work in, with its name in each language. */
export interface Department {
  code: string;
  name: Wording;
}

interface DepartmentRow { code: string; name_ro: string; name_en: string }

/** Every department, by code: the admin page and the API list the same. */
export async function listDepartments(db: Database): Promise<Department[]> {
  const rows = await db.query<DepartmentRow>('select code, name_ro, name_en from departments order by code');
  return rows.map((d) => ({ code: d.code, name: { ro: d.name_ro, en: d.name_en } }));
}

/** Creates the department, or renames it. */
export async function putDepartment(db: Database, department: Department): Promise<void> {
  await db.query(
    'insert into departments (code, name_ro, name_en) values ($1, $2, $3) on conflict (code) do update set name_ro = excluded.name_ro, name_en = excluded.name_en',
    [department.code, department.name.ro, department.name.en],
  );
}

/** Creates a built-in department, or names one an account created by its code; an admin's renaming stays. */
export async function seedDepartment(db: Database, department: Department): Promise<void> {
  await db.query(
    `insert into departments (code, name_ro, name_en) values ($1, $2, $3)
     on conflict (code) do update set name_ro = excluded.name_ro, name_en = excluded.name_en where departments.name_ro = departments.code`,
    [department.code, department.name.ro, department.name.en],
  );
}

/** A department named by an account that does not exist yet: created with its code as its name. */
export async function ensureDepartment(db: Database, code: string): Promise<void> {
  await db.query('insert into departments (code, name_ro, name_en) values ($1, $1, $1) on conflict do nothing', [code]);
}
