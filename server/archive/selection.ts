import { AppError, localDate, type Database } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import { scopeOf } from './search.ts';
import { listPastRetention, type SelectionRow } from './selection-store.ts';

/**
 * The selection report: closed dossiers whose retention term (Legea 16/1996) has passed, grouped by
 * department and nomenclator code, for the selection commission to decide on. A report only:
 * no dossier is ever removed by it or by any timer.
 */
export type { SelectionRow } from './selection-store.ts';

export interface SelectionReport {
  asOf: string;
  total: number;
  shown: number;
  dossiers: SelectionRow[];
}

const MAX_ROWS = 5000;

export async function selectionReport(db: Database, user: User | 'cli', input: { department?: unknown; limit?: unknown }, now: Date): Promise<SelectionReport> {
  const scope = user === 'cli' ? { all: true as const } : scopeOf(user);
  const department = typeof input.department === 'string' && input.department.trim() ? input.department.trim() : undefined;
  const limit = input.limit === undefined || input.limit === '' ? 500 : Number(input.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ROWS) throw new AppError('bad-input', { ro: `„limit” este un număr între 1 și ${MAX_ROWS}.`, en: `"limit" is a number from 1 to ${MAX_ROWS}.` });
  const asOf = localDate(now.toISOString());
  const { total, rows } = await listPastRetention(db, { scope, currentYear: Number(asOf.slice(0, 4)), limit, ...(department ? { department } : {}) });
  return { asOf, total, shown: rows.length, dossiers: rows };
}
