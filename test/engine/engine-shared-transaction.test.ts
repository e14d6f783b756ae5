import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { fixedClock } from '../../engine/clock.ts';
import { Engine } from '../../engine/engine.ts';
import { AppError } from '../../engine/errors.ts';
import { builtInHandlers } from '../../engine/jobs/handlers.ts';
import { createEnginePort } from '../../engine/store/engine-port.ts';
import { bpmn } from '../support/core-driver.ts';
import { useTestDatabase } from '../support/database.ts';

const petitionXml = await readFile(new URL('../fixtures/bpmn/petition.bpmn', import.meta.url), 'utf8');

describe('Engine inside a caller transaction, task assignment and reads of many instances', () => {
  const t = useTestDatabase();
  let engine: Engine;

  beforeEach(async () => {
    const handlers = builtInHandlers().register({ name: 'send-answer', optionsSchema: { type: 'object' }, run: () => undefined });
    engine = new Engine({ store: createEnginePort(t.db), clock: fixedClock(new Date('2026-03-02T08:00:00Z')), handlers });
    await engine.deploy(petitionXml);
  });

  it('starts an instance together with the caller\'s own writes, in one transaction', async () => {
    await t.db.query('create table if not exists side_rows (instance_id uuid)');
    const started = await t.db.transaction(async (tx) => {
      const s = await engine.start('petition', { variables: { subject: 'Iluminat' } }, createEnginePort(tx));
      await tx.query('insert into side_rows values ($1)', [s.id]);
      return s;
    });
    expect((await engine.getInstance(started.id)).status).to.equal('active');
    expect(await t.db.query('select * from side_rows')).to.deep.equal([{ instance_id: started.id }]);
  });

  it('keys instances started in the caller\'s transaction in one statement, their waiting messages too, and refuses one already keyed', async () => {
    // given: two instances that wait for a message from their start
    await engine.deploy(bpmn(`<bpmn:process id="waits" isExecutable="true"><bpmn:startEvent id="s" />
      <bpmn:intermediateCatchEvent id="w"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="w" /><bpmn:sequenceFlow id="f2" sourceRef="w" targetRef="e" /></bpmn:process>
      <bpmn:message id="m" name="plata" />`));
    // when
    const [a, b] = await t.db.transaction(async (tx) => {
      const port = createEnginePort(tx);
      const started = [await engine.start('waits', {}, port), await engine.start('waits', {}, port)];
      await engine.assignBusinessKeys(started.map((s, i) => ({ instanceId: s.id, definitionId: s.definitionId, businessKey: `${i + 1}/02.03.2026`, variables: { registrationNumber: `${i + 1}/02.03.2026` } })), port);
      return started;
    });
    // then
    for (const [s, key] of [[a!, '1/02.03.2026'], [b!, '2/02.03.2026']] as const) {
      const instance = await engine.getInstance(s.id);
      expect([instance.businessKey, instance.variables.registrationNumber]).to.deep.equal([key, key]);
    }
    expect((await engine.correlate('plata', { businessKey: '2/02.03.2026' })).instanceId).to.equal(b!.id);
    const again = await t.db.transaction((tx) => engine.assignBusinessKeys([{ instanceId: a!.id, definitionId: a!.definitionId, businessKey: 'x' }], createEnginePort(tx))).catch((e: AppError) => e);
    expect(again).to.have.property('code', 'conflict');
    expect((await engine.getInstance(a!.id)).businessKey).to.equal('1/02.03.2026');
  });

  it('starts several instances in the caller\'s transaction, each with its own variables and task', async () => {
    // when
    const started = await t.db.transaction((tx) => engine.startEach([
      { key: 'petition', options: { variables: { subject: 'Iluminat' } } },
      { key: 'petition', options: { variables: { subject: 'Trotuar' } } },
    ], createEnginePort(tx)));
    // then
    expect(started.map((s) => s.status)).to.deep.equal(['active', 'active']);
    const subjects = await Promise.all(started.map(async (s) => (await engine.getInstance(s.id)).variables.subject));
    expect(subjects).to.deep.equal(['Iluminat', 'Trotuar']);
    for (const s of started) expect(await engine.listTasks({ instanceId: s.id })).to.have.length(1);
  });

  it('starts none of a batch when one of its procedures is unknown', async () => {
    const failed = await t.db.transaction((tx) => engine.startEach([
      { key: 'petition', options: {} },
      { key: 'nu-exista', options: {} },
    ], createEnginePort(tx))).catch((e: AppError) => e);
    expect(failed).to.be.instanceOf(AppError);
    expect(await t.db.query('select id from tasks')).to.deep.equal([]);
  });

  it('leaves no instance behind when the caller\'s transaction rolls back', async () => {
    let id = '';
    const failed = await t.db.transaction(async (tx) => {
      id = (await engine.start('petition', {}, createEnginePort(tx))).id;
      throw new Error('registry unavailable');
    }).catch((err: Error) => err.message);
    expect(failed).to.equal('registry unavailable');
    const err = await engine.getInstance(id).catch((e: AppError) => e);
    expect(err).to.be.instanceOf(AppError).with.property('code', 'instance-not-found');
    expect(await t.db.query('select id from tasks')).to.deep.equal([]);
  });

  it('lets one clerk claim an open task and refuses a second until it is released or reassigned', async () => {
    const { id } = await engine.start('petition');
    const [task] = await engine.listTasks({ instanceId: id });
    expect((await engine.assignTask(task!.id, 'ana')).assignee).to.equal('ana');
    expect((await engine.assignTask(task!.id, 'ana')).assignee).to.equal('ana');
    const taken = await engine.assignTask(task!.id, 'ion').catch((e: AppError) => e);
    expect(taken).to.be.instanceOf(AppError).with.property('code', 'conflict');
    expect((await engine.assignTask(task!.id, 'ion', { force: true, by: 'sef' })).assignee).to.equal('ion');
    expect((await engine.assignTask(task!.id, null)).assignee).to.equal(null);
    const events = (await engine.getInstance(id)).events.map((e) => e.type).filter((type) => type.startsWith('task.') && type !== 'task.created');
    expect(events).to.deep.equal(['task.claimed', 'task.claimed', 'task.reassigned', 'task.unclaimed']);
  });

  it('refuses to assign a task that is not open', async () => {
    const err = await engine.assignTask('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'ana').catch((e: AppError) => e);
    expect(err).to.be.instanceOf(AppError).with.property('code', 'task-not-found');
  });

  it('reads several instances at once as getInstance shows them, without their events, leaving out unknown ids', async () => {
    const a = await engine.start('petition', { variables: { subject: 'Iluminat' } });
    const b = await engine.start('petition', { variables: { subject: 'Trotuar' } });
    const [task] = await engine.listTasks({ instanceId: b.id });
    await engine.completeTask(task!.id, { department: 'drumuri', anonymous: true });
    const read = await engine.getInstances([a.id, b.id, '00000000-0000-4000-8000-000000000000']);
    const byId = new Map(read.map((i) => [i.id, [i.status, i.active]]));
    expect(byId).to.deep.equal(new Map([[a.id, ['active', ['triage']]], [b.id, ['completed', []]]]));
    const single = await engine.getInstance(a.id);
    const { events, ...withoutEvents } = single;
    expect(events.length).to.be.greaterThan(0);
    expect(read.find((i) => i.id === a.id)).to.deep.equal(withoutEvents);
    expect(await engine.getInstances([])).to.deep.equal([]);
  });
});
