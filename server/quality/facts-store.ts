import type { Database } from '../../engine/index.ts';

/** Storage of `quality_facts`: one anonymous row per citizen request (see its migration). */

/** What the roll-up learns about a request once it has ended. */
export interface EndedFact {
  requestId: string;
  endedAt: string;
  resolved: boolean;
  inTerm: boolean | null;
  inTarget: boolean | null;
  refused: boolean;
  tacit: boolean;
  complaint: boolean;
  suspensions: number;
  extensions: number;
  durationWd: number;
  resolvedBy: string | null;
}

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

/** The events of these instances that the figures read: the term's ledger, tasks, elements entered and completed. */
export async function eventsOf(db: Database, instanceIds: string[]): Promise<Array<{ instanceId: string; type: string; elementId: string | null; data: Record<string, unknown> | null; at: string }>> {
  if (instanceIds.length === 0) return [];
  const rows = await db.query<{ instance_id: string; type: string; element_id: string | null; data: Record<string, unknown> | null; at: Date }>(
    `select instance_id, type, element_id, data, at from engine_events_v
     where instance_id = any($1::uuid[]) and (type like 'clock.%' or type in ('task.claimed', 'task.reassigned', 'task.completed', 'element.entered', 'element.completed'))
     order by instance_id, row_id, position`, [instanceIds]);
  return rows.map((r) => ({ instanceId: r.instance_id, type: r.type, elementId: r.element_id, data: r.data, at: new Date(r.at).toISOString() }));
}

/** Settles the facts still open; returns the request ids this call settled (another process may have settled the rest). */
export async function settleFacts(tx: Database, facts: EndedFact[]): Promise<Set<string>> {
  if (facts.length === 0) return new Set();
  const rows = await tx.query<{ request_id: string }>(
    `update quality_facts f set ended_at = x.ended_at, resolved = x.resolved, in_term = x.in_term, in_target = x.in_target, refused = x.refused,
       tacit = x.tacit, complaint = x.complaint, suspensions = x.suspensions, extensions = x.extensions, duration_wd = x.duration_wd, resolved_by = x.resolved_by
     from jsonb_to_recordset($1::jsonb) as x(request_id uuid, ended_at timestamptz, resolved boolean, in_term boolean, in_target boolean, refused boolean,
       tacit boolean, complaint boolean, suspensions integer, extensions integer, duration_wd integer, resolved_by text)
     where f.request_id = x.request_id and f.ended_at is null returning f.request_id`,
    [JSON.stringify(facts.map((f) => ({ request_id: f.requestId, ended_at: f.endedAt, resolved: f.resolved, in_term: f.inTerm, in_target: f.inTarget, refused: f.refused, tacit: f.tacit, complaint: f.complaint, suspensions: f.suspensions, extensions: f.extensions, duration_wd: f.durationWd, resolved_by: f.resolvedBy })))]);
  return new Set(rows.map((r) => r.request_id));
}
