import type { InstanceState } from '../core/types.ts';
import type { StoredInstance } from '../ports.ts';
import type { Database } from './database.ts';

/** Instance rows as the port reads them: one by id, or many at once (read-batcher.ts groups them). */

export interface InstanceRow { id: string; definition_id: string; key: string; version: number; business_key: string | null; state: InstanceState; rev: number }

export async function loadInstanceRow(db: Database, id: string): Promise<StoredInstance | undefined> {
  const [row] = await db.query<InstanceRow>('select id, definition_id, key, version, business_key, state, rev from instances where id = $1', [id], 'dosar_load_instance');
  return row ? toInstance(row) : undefined;
}

export async function loadInstanceRows(db: Database, ids: string[]): Promise<Map<string, StoredInstance>> {
  if (ids.length === 1) return new Map((await loadInstanceRow(db, ids[0]!).then((i) => (i ? [i] : []))).map((i) => [i.id, i]));
  const rows = await db.query<InstanceRow>('select id, definition_id, key, version, business_key, state, rev from instances where id = any($1::uuid[])', [ids], 'dosar_load_instances');
  return new Map(rows.map((r) => [r.id, toInstance(r)]));
}

export async function findTaskInstance(db: Database, taskId: string): Promise<string | undefined> {
  const [row] = await db.query<{ instance_id: string }>('select instance_id from tasks where id = $1 union all select instance_id from closed_tasks where id = $1 limit 1', [taskId], 'dosar_task_instance');
  return row?.instance_id;
}

export async function findTaskInstances(db: Database, taskIds: string[]): Promise<Map<string, string>> {
  if (taskIds.length === 1) {
    const one = await findTaskInstance(db, taskIds[0]!);
    return new Map(one ? [[taskIds[0]!, one]] : []);
  }
  const rows = await db.query<{ id: string; instance_id: string }>(
    'select id, instance_id from tasks where id = any($1::uuid[]) union all select id, instance_id from closed_tasks where id = any($1::uuid[])', [taskIds], 'dosar_task_instances');
  return new Map(rows.map((r) => [r.id, r.instance_id]));
}

export function toInstance(row: InstanceRow): StoredInstance {
  const instance: StoredInstance = { id: row.id, definitionId: row.definition_id, key: row.key, version: row.version, state: row.state, rev: row.rev };
  if (row.business_key) instance.businessKey = row.business_key;
  return instance;
}
