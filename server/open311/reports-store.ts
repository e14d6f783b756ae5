import type { Database } from '../../engine/index.ts';

/**
 * Public reports (a procedure's requests as anyone may see them): where, what kind, when, and
 * whether they are done. Never who reported, what they wrote, or their files.
 */
export interface PublicReport {
  id: string;
  /** For reading its due date from the engine; never shown. */
  instanceId: string;
  registrationNumber: string;
  category: string;
  address: string;
  lat: number | null;
  lon: number | null;
  status: 'open' | 'closed';
  submittedAt: string;
  updatedAt: string;
  dueDate: string | null;
}

export interface ReportFilter {
  ids?: string[];
  category?: string;
  status?: 'open' | 'closed';
  from?: Date;
  to?: Date;
  limit: number;
}

interface Row { id: string; instance_id: string; registration_number: string; category: string | null; address: string | null; lat: string | null; lon: string | null; status: string; submitted_at: Date; updated_at: Date | null }

/** Newest first; `fields` names where the package keeps the category and the place in its form data. */
export async function listPublicReports(db: Database, procedureKey: string, fields: { service: string; location: string }, filter: ReportFilter): Promise<PublicReport[]> {
  const where = ['r.procedure_key = $1', "r.registration_number <> ''"];
  const params: unknown[] = [procedureKey, fields.service, fields.location];
  const add = (sql: string, value: unknown) => { params.push(value); where.push(sql.replace('?', `$${params.length}`)); };
  if (filter.ids) add('r.id = any(?::uuid[])', filter.ids);
  if (filter.category) add('r.data ->> $2 = ?', filter.category);
  if (filter.status === 'closed') where.push("i.status in ('completed', 'terminated')");
  if (filter.status === 'open') where.push("i.status not in ('completed', 'terminated')");
  if (filter.from) add('r.submitted_at >= ?', filter.from);
  if (filter.to) add('r.submitted_at <= ?', filter.to);
  params.push(filter.limit);
  const rows = await db.query<Row>(
    `select r.id, r.instance_id, r.registration_number, r.data ->> $2 as category, r.data -> $3 ->> 'adresa' as address,
            r.data -> $3 ->> 'lat' as lat, r.data -> $3 ->> 'lon' as lon, i.status, r.submitted_at, coalesce(i.ended_at, i.updated_at) as updated_at
     from requests r join engine_instances_v i on i.id = r.instance_id
     where ${where.join(' and ')}
     order by r.submitted_at desc, r.reg_number desc limit $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    instanceId: r.instance_id,
    registrationNumber: r.registration_number,
    category: r.category ?? '',
    address: r.address ?? '',
    lat: coordinate(r.lat, 90),
    lon: coordinate(r.lon, 180),
    status: r.status === 'completed' || r.status === 'terminated' ? 'closed' : 'open',
    submittedAt: new Date(r.submitted_at).toISOString(),
    updatedAt: new Date(r.updated_at ?? r.submitted_at).toISOString(),
    dueDate: null,
  }));
}

function coordinate(text: string | null, bound: number): number | null {
  const n = text === null ? NaN : Number(text);
  return Number.isFinite(n) && Math.abs(n) <= bound ? n : null;
}
