import type { Database } from '../../engine/index.ts';

/** Requests whose process has ended and that are not in the archive yet (tables requests, archive_dossiers; view engine_instances_v). */
export interface EndedRequest {
  id: string;
  procedureKey: string;
  definitionId: string;
  registrationNumber: string;
  submittedAt: Date;
  data: Record<string, unknown>;
  citizenName: string | null;
}

export async function listEndedUnarchived(db: Database, limit: number): Promise<EndedRequest[]> {
  const rows = await db.query<{ id: string; procedure_key: string; definition_id: string; registration_number: string; submitted_at: Date; data: Record<string, unknown>; citizen_name: string | null }>(
    `select r.id, r.procedure_key, r.definition_id, r.registration_number, r.submitted_at, r.data, u.name as citizen_name
     from requests r join engine_instances_v i on i.id = r.instance_id left join users u on u.id = r.citizen_id
     where i.status in ('completed', 'terminated') and not exists (select 1 from archive_dossiers d where d.source_request_id = r.id)
     order by r.submitted_at, r.id limit $1`,
    [limit],
  );
  return rows.map((r) => ({ id: r.id, procedureKey: r.procedure_key, definitionId: r.definition_id, registrationNumber: r.registration_number, submittedAt: new Date(r.submitted_at), data: r.data, citizenName: r.citizen_name }));
}
