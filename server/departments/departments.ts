import { AppError, type Database } from '../../engine/index.ts';
import { putDepartment } from './departments-store.ts';

const CODE = /^[a-z][a-z0-9-]{1,40}$/;

/** An admin's department: a code (lower-case letters, digits, dashes) and a Romanian name; English defaults to it. */
export async function saveDepartment(db: Database, input: { code?: unknown; ro?: unknown; en?: unknown }): Promise<void> {
  const ro = typeof input.ro === 'string' ? input.ro.trim() : '';
  if (typeof input.code !== 'string' || !CODE.test(input.code) || !ro) {
    throw new AppError('bad-input', { ro: 'Sunt necesare un cod (litere mici, cifre, cratime) și denumirea în română.', en: 'A code (lower-case letters, digits, dashes) and a Romanian name are needed.' });
  }
  const en = typeof input.en === 'string' && input.en.trim() ? input.en.trim() : ro;
  await putDepartment(db, { code: input.code, name: { ro, en } });
}
