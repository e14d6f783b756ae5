import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';

/** The read contract of engine/README.md: what the application may rely on, column by column. */
const CONTRACT: Record<string, string[]> = {
  engine_decisions_v: ['id', 'key', 'version', 'name', 'xml', 'deployed_at', 'deployed_by'],
  engine_definitions_v: ['id', 'key', 'version', 'name', 'xml', 'deployed_at', 'deployed_by'],
  engine_instances_v: ['id', 'definition_id', 'key', 'version', 'business_key', 'parent_instance_id', 'status', 'started_at', 'updated_at', 'ended_at'],
  engine_tasks_v: ['id', 'instance_id', 'element_id', 'name', 'candidate_groups', 'candidate_users', 'assignee', 'form_key', 'due', 'follow_up', 'status', 'created_at'],
  engine_events_v: ['instance_id', 'row_id', 'position', 'type', 'element_id', 'data', 'at'],
  engine_jobs_v: ['id', 'instance_id', 'element_id', 'handler', 'status', 'run_at', 'attempts'],
  engine_timers_v: ['id', 'instance_id', 'definition_id', 'element_id', 'due_at'],
  engine_tokens_v: ['instance_id', 'token_id', 'element_id', 'wait_kind'],
};

describe('the engine\'s read views', () => {
  const t = useTestDatabase();

  it('have the columns the read contract names, in its order', async () => {
    const rows = await t.db.query<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_schema = $1 and table_name like 'engine\\_%\\_v' order by table_name, ordinal_position", [t.db.schema]);
    const views: Record<string, string[]> = {};
    for (const r of rows) (views[r.table_name] ??= []).push(r.column_name);
    expect(views).to.deep.equal(CONTRACT);
  });

  it('show one event per row, in the order a step wrote them', async () => {
    const id = randomUUID();
    const at = new Date('2026-03-02T08:00:00Z');
    await t.db.query('insert into events (instance_id, items, at) values ($1, $2, $3)', [id, JSON.stringify([{ type: 'instance.started' }, { type: 'task.created', elementId: 'triere', data: { candidateGroups: ['registratura'] } }]), at]);
    await t.db.query('insert into events (instance_id, items, at) values ($1, $2, $3)', [id, JSON.stringify([{ type: 'task.claimed', elementId: 'triere', data: { assignee: 'ana@primarie.ro' } }]), at]);
    const events = await t.db.query('select type, element_id, data from engine_events_v where instance_id = $1 order by row_id, position', [id]);
    expect(events).to.deep.equal([
      { type: 'instance.started', element_id: null, data: null },
      { type: 'task.created', element_id: 'triere', data: { candidateGroups: ['registratura'] } },
      { type: 'task.claimed', element_id: 'triere', data: { assignee: 'ana@primarie.ro' } },
    ]);
  });
});
