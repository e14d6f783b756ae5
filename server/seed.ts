import { randomBytes } from 'node:crypto';
import type { Database } from '../engine/index.ts';
import { createUser, type Role } from './auth/users.ts';
import { countUsers } from './auth/users-store.ts';
import { seedDepartment } from './departments/departments-store.ts';

/** The departments of the built-in procedures: candidate groups clerks work in. */
const DEPARTMENTS: Array<{ code: string; ro: string; en: string }> = [
  { code: 'registratura', ro: 'Registratură', en: 'Registry office' },
  { code: 'urbanism', ro: 'Urbanism', en: 'Urban planning' },
  { code: 'taxe', ro: 'Taxe și impozite locale', en: 'Local taxes' },
  { code: 'social', ro: 'Asistență socială', en: 'Social assistance' },
  { code: 'autorizari', ro: 'Autorizări comerciale', en: 'Commercial authorisations' },
  { code: 'informare-publica', ro: 'Informare și relații publice', en: 'Public information and relations' },
  { code: 'conducere', ro: 'Conducerea instituției', en: 'Head of the institution' },
  { code: 'gospodarie-comunala', ro: 'Gospodărie comunală (drumuri, iluminat)', en: 'Public works (roads, lighting)' },
  { code: 'mediu', ro: 'Mediu și spații verzi', en: 'Environment and green spaces' },
];

export async function seedDepartments(db: Database): Promise<void> {
  for (const d of DEPARTMENTS) {
    await seedDepartment(db, { code: d.code, name: { ro: d.ro, en: d.en } });
  }
}

const DEMO: Array<{ email: string; name: string; role: Role; departments?: string[] }> = [
  { email: 'cetatean@demo.dosar.ro', name: 'Ana Cetățean', role: 'citizen' },
  { email: 'functionar@demo.dosar.ro', name: 'Ion Funcționar', role: 'clerk', departments: DEPARTMENTS.map((d) => d.code) },
  { email: 'analist@demo.dosar.ro', name: 'Elena Analist', role: 'analyst' },
  { email: 'admin@demo.dosar.ro', name: 'Mihai Admin', role: 'admin', departments: DEPARTMENTS.map((d) => d.code) },
];

/**
 * One account per role on an empty installation, with fresh random passwords returned once (the
 * caller prints them); nothing happens when any account exists.
 */
export async function createDemoAccounts(db: Database, now: Date): Promise<Array<{ email: string; role: Role; password: string }>> {
  if ((await countUsers(db)) > 0) return [];
  const created = [];
  for (const account of DEMO) {
    const password = randomBytes(9).toString('base64url');
    await createUser(db, { ...account, password }, now);
    created.push({ email: account.email, role: account.role, password });
  }
  return created;
}
