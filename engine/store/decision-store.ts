import { randomUUID } from 'node:crypto';
import type { DecisionBundle, DeployedDecision } from '../dmn/decision.ts';
import type { Database } from './database.ts';

/** Deployed DMN decisions in SQL (table `decisions`); rows are mapped here and never leave. */

interface DecisionRow { id: string; key: string; version: number; compiled: DecisionBundle }

const COLUMNS = 'id, key, version, compiled';

function toDecision(row: DecisionRow): DeployedDecision {
  return { id: row.id, key: row.key, version: row.version, decisions: row.compiled };
}

export async function insertDecisions(db: Database, items: Array<{ key: string; name?: string; decisions: DecisionBundle; xml: string; deployedBy?: string }>, now: Date): Promise<DeployedDecision[]> {
  const deployed: DeployedDecision[] = [];
  for (const item of items) {
    // Concurrent deploys of one decision queue here instead of colliding on the version.
    await db.query('select pg_advisory_xact_lock(hashtext($1))', [`dosar-deploy-decision-${item.key}`]);
    const [row] = await db.query<DecisionRow>(
      `insert into decisions (id, key, version, name, xml, compiled, deployed_at, deployed_by)
       select $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5::jsonb, $6, $7 from decisions where key = $2
       returning ${COLUMNS}`,
      [randomUUID(), item.key, item.name ?? null, item.xml, JSON.stringify(item.decisions), now, item.deployedBy ?? null],
    );
    deployed.push(toDecision(row!));
  }
  return deployed;
}

export async function getLatestDecision(db: Database, key: string): Promise<DeployedDecision | undefined> {
  const [row] = await db.query<DecisionRow>(`select ${COLUMNS} from decisions where key = $1 order by version desc limit 1`, [key]);
  return row ? toDecision(row) : undefined;
}
