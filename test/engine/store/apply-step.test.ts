import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Effect, InstanceState } from '../../../engine/core/types.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { splitEffects } from '../../../engine/store/apply-step.ts';
import { bpmn } from '../../support/core-driver.ts';
import { compileModel } from '../../../engine/model/index.ts';
import { useTestDatabase } from '../../support/database.ts';

const state = (status: InstanceState['status'] = 'active'): InstanceState => ({
  schema: 1, status, seq: 1, scopes: [{ id: 'root', kind: 'process', elementId: 'p', variables: { a: 1 } }], tokens: [{ id: 't1', elementId: 'task', scopeId: 'root', wait: { kind: 'task', taskId: 'x' } }],
});

describe('applyStep', () => {
  const t = useTestDatabase();

  async function setup() {
    const port = createEnginePort(t.db);
    const [definition] = await compileModel(bpmn('<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:userTask id="task" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="task" /></bpmn:process>'));
    const [deployed] = await port.insertDefinitions([{ key: 'p', definition: definition!, xml: '<x/>' }], new Date('2026-01-01T00:00:00Z'));
    return { port, deployed: deployed! };
  }

  it('writes the instance and every effect together', async () => {
    const { port, deployed } = await setup();
    const id = randomUUID();
    const taskId = randomUUID();
    const effects: Effect[] = [
      { type: 'task.create', task: { id: taskId, elementId: 'task', tokenId: 't1', candidateGroups: ['g'], candidateUsers: [] } },
      { type: 'timer.schedule', timer: { id: randomUUID(), elementId: 'task', tokenId: 't1', dueAt: '2026-01-02T00:00:00.000Z' } },
      { type: 'event.append', event: { type: 'instance.started' } },
    ];
    const ok = await port.applyStep({ instanceId: id, definitionId: deployed.id, key: 'p', version: 1, expectedRev: null, state: state(), previous: null, effects, now: new Date('2026-01-01T00:00:00Z') });
    expect(ok).to.equal(true);
    expect((await port.listOpenTasks({ instanceId: id })).map((x) => x.id)).to.deep.equal([taskId]);
    expect(await port.listEvents(id)).to.deep.equal([{ type: 'instance.started', at: '2026-01-01T00:00:00.000Z' }]);
    expect((await port.loadInstance(id))!.rev).to.equal(1);
  });

  it('keeps the variables column equal to the root scope\'s variables, wherever the root scope is', async () => {
    const { port, deployed } = await setup();
    const id = randomUUID();
    const base = { instanceId: id, definitionId: deployed.id, key: 'p', version: 1, effects: [], now: new Date('2026-01-01T00:00:00Z') };
    const variables = async () => (await t.db.query<{ variables: unknown }>('select variables from instances where id = $1', [id]))[0]!.variables;
    await port.applyStep({ ...base, expectedRev: null, state: state(), previous: null });
    expect(await variables()).to.deep.equal({ a: 1 });
    const inner = { id: 's1', kind: 'subProcess' as const, elementId: 'sub', parentScopeId: 'root', variables: { inner: true } };
    const rootLast: InstanceState = { ...state(), scopes: [inner, { id: 'root', kind: 'process', elementId: 'p', variables: { a: 2, nume: 'Ștefan' } }] };
    await port.applyStep({ ...base, expectedRev: 1, state: rootLast, previous: state() });
    expect(await variables()).to.deep.equal({ a: 2, nume: 'Ștefan' });
  });

  it('writes nothing at all when the revision is stale', async () => {
    const { port, deployed } = await setup();
    const id = randomUUID();
    await port.applyStep({ instanceId: id, definitionId: deployed.id, key: 'p', version: 1, expectedRev: null, state: state(), previous: null, effects: [{ type: 'event.append', event: { type: 'instance.started' } }], now: new Date() });
    const stale = await port.applyStep({
      instanceId: id, definitionId: deployed.id, key: 'p', version: 1, expectedRev: 7, state: state('completed'), previous: state(),
      effects: [{ type: 'task.create', task: { id: randomUUID(), elementId: 'task', tokenId: 't1', candidateGroups: [], candidateUsers: [] } }, { type: 'event.append', event: { type: 'instance.completed' } }],
      now: new Date(),
    });
    expect(stale).to.equal(false);
    expect(await port.listOpenTasks({ instanceId: id })).to.have.length(0);
    expect((await port.listEvents(id)).map((e) => e.type)).to.deep.equal(['instance.started']);
    expect((await port.loadInstance(id))!.state.status).to.equal('active');
  });

  it('never writes a row created and removed in the same step', () => {
    const id = randomUUID();
    const split = splitEffects([
      { type: 'timer.schedule', timer: { id, elementId: 'b', dueAt: '2026-01-01T00:00:00.000Z' } },
      { type: 'timer.cancel', timerId: id },
    ]);
    expect(split.timersNew).to.have.length(0);
    expect(split.timersGone).to.have.length(0);
  });
});
