import { expect } from 'chai';
import { fixedClock } from '../../../engine/clock.ts';
import { Engine } from '../../../engine/engine.ts';
import { AppError } from '../../../engine/errors.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import type { Database } from '../../../engine/store/database.ts';
import { useTestDatabase } from '../../support/database.ts';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="http://dosar.ro/test"';
const waits = `<bpmn:definitions ${NS} id="d1"><bpmn:message id="m" name="plata" />
  <bpmn:process id="waits" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:receiveTask id="wait" messageRef="m" /><bpmn:userTask id="after" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" /><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
  </bpmn:process></bpmn:definitions>`;
const waitsTwice = `<bpmn:definitions ${NS} id="d2"><bpmn:message id="m" name="plata" />
  <bpmn:process id="twice" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:receiveTask id="w1" messageRef="m" /><bpmn:receiveTask id="w2" messageRef="m" /><bpmn:userTask id="after" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="w1" /><bpmn:sequenceFlow id="f2" sourceRef="w1" targetRef="w2" /><bpmn:sequenceFlow id="f3" sourceRef="w2" targetRef="after" />
  </bpmn:process></bpmn:definitions>`;
const calls = `<bpmn:definitions ${NS} id="d3"><bpmn:message id="m" name="plata" />
  <bpmn:process id="child" isExecutable="true">
    <bpmn:startEvent id="cs" /><bpmn:receiveTask id="wait" messageRef="m" /><bpmn:endEvent id="ce" />
    <bpmn:sequenceFlow id="c1" sourceRef="cs" targetRef="wait" /><bpmn:sequenceFlow id="c2" sourceRef="wait" targetRef="ce" />
  </bpmn:process>
  <bpmn:process id="parent" isExecutable="true">
    <bpmn:startEvent id="ps" /><bpmn:callActivity id="call" calledElement="child" /><bpmn:userTask id="after" />
    <bpmn:sequenceFlow id="p1" sourceRef="ps" targetRef="call" /><bpmn:sequenceFlow id="p2" sourceRef="call" targetRef="after" />
  </bpmn:process></bpmn:definitions>`;

describe('Engine.correlateEach: one message to several instances in the caller\'s transaction', () => {
  const t = useTestDatabase();
  let engine: Engine;

  /** The caller's database, counting its statements. */
  function counting(db: Database, counter: { statements: number }): Database {
    return {
      ...db,
      query: (text, params, name) => { counter.statements += 1; return db.query(text, params, name); },
      hotQuery: (text, params, name) => { counter.statements += 1; return db.hotQuery(text, params, name); },
    };
  }
  const tasks = async (instanceId: string) => (await engine.listTasks({ instanceId })).map((x) => x.elementId);

  beforeEach(async () => {
    engine = new Engine({ store: createEnginePort(t.db), clock: fixedClock(new Date('2026-03-02T08:00:00Z')) });
    await engine.deployMany([waits, waitsTwice, calls]);
  });

  it('moves every waiting instance in one read and one write, and says which did not wait', async () => {
    // given
    const ids = [(await engine.start('waits')).id, (await engine.start('waits')).id, (await engine.start('waits')).id];
    const done = (await engine.start('waits')).id;
    await engine.terminate(done, 'test');
    const counter = { statements: 0 };
    // when
    const waited = await t.db.transaction((tx) => engine.correlateEach('plata', [...ids, done].map((instanceId) => ({ instanceId, variables: { paid: true } })), createEnginePort(counting(tx, counter))));
    // then
    expect(waited).to.deep.equal([true, true, true, false]);
    expect(counter.statements).to.equal(2);
    for (const id of ids) {
      expect(await tasks(id)).to.deep.equal(['after']);
      expect((await engine.getInstance(id)).variables).to.include({ paid: true });
    }
  });

  it('delivers a second message for one instance after the first, in the same transaction', async () => {
    // given
    const { id } = await engine.start('twice');
    // when
    const waited = await t.db.transaction((tx) => engine.correlateEach('plata', [{ instanceId: id, variables: { n: 1 } }, { instanceId: id, variables: { n: 2 } }], createEnginePort(tx)));
    // then
    expect(waited).to.deep.equal([true, true]);
    expect(await tasks(id)).to.deep.equal(['after']);
    expect((await engine.getInstance(id)).variables).to.include({ n: 2 });
  });

  it('tells the calling instance in the same transaction when a called one ends', async () => {
    // given
    const parent = (await engine.start('parent')).id;
    const [child] = await t.db.query<{ id: string }>('select id from instances where parent_instance_id = $1', [parent]);
    const other = (await engine.start('waits')).id;
    // when
    await t.db.transaction((tx) => engine.correlateEach('plata', [child!.id, other].map((instanceId) => ({ instanceId, variables: {} })), createEnginePort(tx)));
    // then
    expect(await tasks(parent)).to.deep.equal(['after']);
    expect(await tasks(other)).to.deep.equal(['after']);
  });

  it('fails as a whole, writing nothing once the transaction rolls back, when one instance moved since it was cached', async () => {
    // given: another engine moved the second instance
    const ids = [(await engine.start('waits')).id, (await engine.start('waits')).id];
    await new Engine({ store: createEnginePort(t.db) }).setVariables(ids[1]!, { moved: true });
    // when
    const err = await t.db.transaction((tx) => engine.correlateEach('plata', ids.map((instanceId) => ({ instanceId, variables: {} })), createEnginePort(tx))).catch((e: unknown) => e);
    // then
    expect(err).to.be.instanceOf(AppError).with.property('code', 'conflict');
    for (const id of ids) expect((await engine.getInstance(id)).active).to.deep.equal(['wait']);
    // and the next try reads fresh state
    await t.db.transaction((tx) => engine.correlateEach('plata', ids.map((instanceId) => ({ instanceId, variables: {} })), createEnginePort(tx)));
    for (const id of ids) expect(await tasks(id)).to.deep.equal(['after']);
  });
});
