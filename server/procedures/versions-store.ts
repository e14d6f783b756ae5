import type { Database } from '../../engine/index.ts';

/**
 * Deployed versions of procedures and how many requests still run on each, read through the
 * engine's published views (engine/README.md, "Read contract") and the packages' table.
 */

/** A version still running: active or stopped on an incident. */
const RUNNING = "status in ('active', 'incident')";

export interface ProcedureVersion { version: number; id: string; deployedBy: string | null; deployedAt: string; running: number }

/** Every version of one procedure, newest first, with who deployed it and how many instances run on it. */
export async function versionsOf(db: Database, key: string): Promise<ProcedureVersion[]> {
  const rows = await db.query<{ version: number; id: string; deployed_by: string | null; deployed_at: Date; running: number }>(
    `select d.version, d.id, p.deployed_by, coalesce(p.deployed_at, d.deployed_at) as deployed_at,
            (select count(*)::int from engine_instances_v i where i.definition_id = d.id and i.${RUNNING}) as running
     from engine_definitions_v d left join procedure_packages p on p.definition_id = d.id
     where d.key = $1 order by d.version desc`, [key]);
  return rows.map((v) => ({ version: v.version, id: v.id, deployedBy: v.deployed_by, deployedAt: new Date(v.deployed_at).toISOString(), running: v.running }));
}

/** Every procedure's versions, by key then newest first, with how many instances run on each. */
export async function allVersions(db: Database): Promise<Array<{ key: string; version: number; running: number }>> {
  return db.query<{ key: string; version: number; running: number }>(
    `select d.key, d.version, count(i.id) filter (where i.${RUNNING})::int as running
     from engine_definitions_v d left join engine_instances_v i on i.definition_id = d.id group by d.key, d.version order by d.key, d.version desc`);
}

/** The instances still running on a definition, oldest first (at most 10,000 at a time). */
export async function runningInstancesOf(db: Database, definitionId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(`select id from engine_instances_v where definition_id = $1 and ${RUNNING} order by started_at limit 10000`, [definitionId]);
  return rows.map((r) => r.id);
}
