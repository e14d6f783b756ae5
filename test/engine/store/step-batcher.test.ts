import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Effect, InstanceState } from '../../../engine/core/types.ts';
import { compileModel } from '../../../engine/model/index.ts';
import type { StepWrite } from '../../../engine/ports.ts';
import type { Database } from '../../../engine/store/database.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { createStepBatcher } from '../../../engine/store/step-batcher.ts';
import { bpmn } from '../../support/core-driver.ts';
import { useTestDatabase } from '../../support/database.ts';

const state = (status: InstanceState['status'] = 'active'): InstanceState => ({
  schema: 1, status, seq: 1, scopes: [{ id: 'root', kind: 'process', elementId: 'p', variables: {} }], tokens: [{ id: 't1', elementId: 'task', scopeId: 'root', wait: { kind: 'task', taskId: 'x' } }],
});

/** The database, counting the statements that write steps. */
function counting(db: Database): { db: Database; statements: () => number } {
  let statements = 0;
  const wrapped: Database = { ...db, hotQuery: (text, params, name) => { if (name.startsWith('dosar_steps_')) statements += 1; return db.hotQuery(text, params, name); } };
  return { db: wrapped, statements: () => statements };
}

describe('step batcher', () => {
  const t = useTestDatabase();
  let definitionId: string;

  beforeEach(async () => {
    const [definition] = await compileModel(bpmn('<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:userTask id="task" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="task" /></bpmn:process>'));
    const [deployed] = await createEnginePort(t.db).insertDefinitions([{ key: 'p', definition: definition!, xml: '<x/>' }], new Date('2026-01-01T00:00:00Z'));
    definitionId = deployed!.id;
  });

  const start = (id = randomUUID(), effects: Effect[] = [{ type: 'event.append', event: { type: 'instance.started' } }]): StepWrite => ({
    instanceId: id, definitionId, key: 'p', version: 1, expectedRev: null, state: state(), previous: null, effects, now: new Date('2026-03-02T08:00:00Z'),
  });
  const next = (id: string, rev: number | null, effects: Effect[] = []): StepWrite => ({
    instanceId: id, definitionId, key: 'p', version: 1, expectedRev: rev, state: state('completed'), previous: state(), effects, now: new Date('2026-03-02T09:00:00Z'),
  });

  it('writes steps that arrive together in one statement', async () => {
    const c = counting(t.db);
    const write = createStepBatcher(c.db, { maxInFlight: 1 });
    const results = await Promise.all(Array.from({ length: 10 }, () => write(start())));
    expect(results).to.deep.equal(Array(10).fill(true));
    expect(c.statements()).to.equal(1);
    const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from instances');
    expect(row!.n).to.equal(10);
  });

  it('sends a lone step without waiting for company', async () => {
    const c = counting(t.db);
    const write = createStepBatcher(c.db);
    expect(await write(start())).to.equal(true);
    expect(c.statements()).to.equal(1);
  });

  it('writes nothing for a stale step while the others in its statement commit', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const write = createStepBatcher(t.db, { maxInFlight: 1 });
    await Promise.all([write(start(a)), write(start(b))]);
    const taskId = randomUUID();
    const created: Effect[] = [{ type: 'task.create', task: { id: taskId, elementId: 'task', tokenId: 't1', candidateGroups: ['g'], candidateUsers: [] } }, { type: 'event.append', event: { type: 'instance.completed' } }];
    const [blocker, fresh, stale] = await Promise.all([write(start()), write(next(a, 1, created)), write(next(b, 5, created.slice(1)))]);
    expect([blocker, fresh, stale]).to.deep.equal([true, true, false]);
    const rows = await t.db.query<{ id: string; status: string; rev: number }>('select id, status, rev from instances where id = any($1::uuid[]) order by rev', [[a, b]]);
    expect(rows.map((r) => [r.id, r.status, r.rev])).to.deep.equal([[b, 'active', 1], [a, 'completed', 2]]);
    const events = await t.db.query<{ instance_id: string }>("select instance_id from events, jsonb_array_elements(items) as x(item) where x.item ->> 'type' = 'instance.completed'");
    expect(events.map((e) => e.instance_id)).to.deep.equal([a]);
    expect(await createEnginePort(t.db).listOpenTasks({ instanceId: a })).to.have.length(1);
  });

  it('fails only the step at fault when a shared statement fails', async () => {
    const write = createStepBatcher(t.db, { maxInFlight: 1 });
    const bad = { ...start(), definitionId: randomUUID() };
    const outcomes = await Promise.allSettled([write(start()), write(start()), write(bad), write(start())]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from instances');
    expect(row!.n).to.equal(3);
  });

  it('holds back a second step of the same instance until the first is written', async () => {
    const c = counting(t.db);
    const write = createStepBatcher(c.db, { maxInFlight: 1 });
    const id = randomUUID();
    const results = await Promise.all([write(start()), write(start(id)), write(next(id, 1))]);
    expect(results).to.deep.equal([true, true, true]);
    expect(c.statements()).to.equal(2);
    const [row] = await t.db.query<{ status: string; rev: number }>('select status, rev from instances where id = $1', [id]);
    expect(row).to.deep.equal({ status: 'completed', rev: 2 });
  });
});
