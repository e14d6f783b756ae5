import type { Database } from '../../engine/index.ts';

/**
 * Deployed DMN decisions, read through the engine's published view engine_decisions_v (engine/README.md,
 * "Read contract"): the designer lists them and opens a decision's latest version.
 */

export interface DecisionSummary { key: string; name: string | null; version: number; deployedAt: string; deployedBy: string | null }

/** Every decision's latest version, by key. */
export async function latestDecisions(db: Database): Promise<DecisionSummary[]> {
  const rows = await db.query<{ key: string; name: string | null; version: number; deployed_at: Date; deployed_by: string | null }>(
    `select distinct on (key) key, name, version, deployed_at, deployed_by from engine_decisions_v order by key, version desc`);
  return rows.map((r) => ({ key: r.key, name: r.name, version: r.version, deployedAt: new Date(r.deployed_at).toISOString(), deployedBy: r.deployed_by }));
}

/** The latest version of one decision with the whole DMN file it was deployed in; undefined when never deployed. */
export async function latestDecisionModel(db: Database, key: string): Promise<{ key: string; name: string | null; version: number; xml: string } | undefined> {
  const [row] = await db.query<{ key: string; name: string | null; version: number; xml: string }>(
    'select key, name, version, xml from engine_decisions_v where key = $1 order by version desc limit 1', [key]);
  return row;
}
