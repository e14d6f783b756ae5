import type { Database } from '../../engine/index.ts';
import type { Scope } from './search-store.ts';

/**
 * The dossiers whose retention term has passed (table archive_dossiers). Legea 16/1996: a term runs
 * from 1 January of the year after the dossier's year, so a 10-year dossier of 2010 may be proposed
 * for disposal from 1 January 2021. Permanent dossiers never are. Nothing here deletes.
 */
export interface SelectionRow {
  dossierId: string;
  registerNumber: string;
  registerDate: string;
  year: number;
  nomenclatorCode: string;
  retentionYears: number;
  department: string;
  title: string;
  documents: number;
  /** The first year the dossier may be disposed of. */
  expiredFrom: number;
}

export async function listPastRetention(db: Database, input: { scope: Scope; currentYear: number; department?: string; limit: number }): Promise<{ total: number; rows: SelectionRow[] }> {
  const params: unknown[] = [input.currentYear];
  const where = ['o.retention_years is not null', 'o.year + o.retention_years + 1 <= $1', "o.status = 'closed'"];
  if (!input.scope.all) where.push(`(o.department = any($${params.push(input.scope.departments)}::text[]))`);
  if (input.department) where.push(`o.department = $${params.push(input.department)}`);
  const [count] = await db.query<{ n: string }>(`select count(*) as n from archive_dossiers o where ${where.join(' and ')}`, params);
  const rows = await db.query<{ id: string; register_number: string; register_date: string; year: number; nomenclator_code: string; retention_years: number; department: string; title: string; documents: string }>(
    `select o.id, o.register_number, o.register_date::text as register_date, o.year, o.nomenclator_code, o.retention_years, o.department, o.title,
       (select count(*) from archive_documents d where d.dossier_id = o.id) as documents
     from archive_dossiers o where ${where.join(' and ')}
     order by o.department, o.nomenclator_code, o.year, o.register_number limit $${params.push(input.limit)}`,
    params,
  );
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({
      dossierId: r.id, registerNumber: r.register_number, registerDate: r.register_date, year: r.year, nomenclatorCode: r.nomenclator_code,
      retentionYears: r.retention_years, department: r.department, title: r.title, documents: Number(r.documents), expiredFrom: r.year + r.retention_years + 1,
    })),
  };
}
