import type { Database } from '../../engine/index.ts';

/** Storage of `quality_facts`: one anonymous row per citizen request (see its migration). */

/** An open fact whose instance has ended, with what the roll-up needs to settle it. */
export interface EndedInstance {
  requestId: string;
  instanceId: string;
  procedureKey: string;
  version: number;
  status: string;
  receivedAt: string;
  endedAt: string;
  targetTerm: { amount: number; unit: string } | null;
}

/**
 * Facts for requests submitted since the newest one already known (less an hour, for submissions
 * that committed late), with the department and internal target of their procedure's package.
 */
export async function recordNewRequests(db: Database): Promise<number> {
  const rows = await db.query(
    `insert into quality_facts (request_id, instance_id, procedure_key, department, received_at)
     select r.id, r.instance_id, r.procedure_key, coalesce(p.meta ->> 'department', ''), r.submitted_at
     from requests r left join procedure_packages p on p.definition_id = r.definition_id
     where r.submitted_at >= coalesce((select max(received_at) from quality_facts) - interval '1 hour', '-infinity'::timestamptz)
     on conflict do nothing returning request_id`);
  return rows.length;
}

/** Open facts whose instance is no longer active (the engine's view), at most `limit`. */
export async function endedInstances(db: Database, limit: number): Promise<EndedInstance[]> {
  const rows = await db.query<{ request_id: string; instance_id: string; procedure_key: string; version: number; status: string; received_at: Date; ended_at: Date | null; target: { amount: number; unit: string } | null }>(
    `select f.request_id, f.instance_id, f.procedure_key, i.version, i.status, f.received_at, coalesce(i.ended_at, i.updated_at) as ended_at, p.meta -> 'targetTerm' as target
     from quality_facts f join engine_instances_v i on i.id = f.instance_id
     left join procedure_packages p on p.definition_id = i.definition_id
     where f.ended_at is null and i.status in ('completed', 'terminated')
     limit $1`, [limit]);
  return rows.map((r) => ({ requestId: r.request_id, instanceId: r.instance_id, procedureKey: r.procedure_key, version: r.version, status: r.status, receivedAt: new Date(r.received_at).toISOString(), endedAt: new Date(r.ended_at ?? Date.now()).toISOString(), targetTerm: r.target }));
}
