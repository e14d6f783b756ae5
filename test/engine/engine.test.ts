import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { fixedClock } from '../../engine/clock.ts';
import { Engine } from '../../engine/engine.ts';
import { AppError } from '../../engine/errors.ts';
import { BpmnError, builtInHandlers } from '../../engine/jobs/handlers.ts';
import { createEnginePort } from '../../engine/store/engine-port.ts';
import { bpmn } from '../support/core-driver.ts';
import { MovableClock } from '../support/clock.ts';
import { useTestDatabase } from '../support/database.ts';

const petitionXml = await readFile(new URL('../fixtures/bpmn/petition.bpmn', import.meta.url), 'utf8');


const DAY = 86_400_000;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('Engine on the database', () => {
  const t = useTestDatabase();
  let clock: MovableClock;
  let engine: Engine;
  let sent: string[];

  beforeEach(() => {
    clock = new MovableClock(new Date('2026-03-02T08:00:00Z'));
    sent = [];
    const handlers = builtInHandlers().register({ name: 'send-answer', optionsSchema: { type: 'object' }, run: ({ job }) => { sent.push(job.id); return { answeredAt: clock.now().toISOString() }; } });
    engine = new Engine({ store: createEnginePort(t.db), clock, handlers, backoffBaseMs: 1000 });
  });

  describe('deploy', () => {
    it('stores each deployment as the next version of its key', async () => {
      const first = await engine.deploy(petitionXml);
      const second = await engine.deploy(petitionXml);
      expect(first.map((d) => [d.key, d.version])).to.deep.equal([['petition', 1]]);
      expect(second.map((d) => [d.key, d.version])).to.deep.equal([['petition', 2]]);
    });

    it('starts the version a definition id names, and refuses an id of another procedure or of none', async () => {
      const [first] = await engine.deploy(petitionXml);
      await engine.deploy(petitionXml);
      const started = await engine.start('petition', { definitionId: first!.id });
      expect([started.definitionId, started.version]).to.deep.equal([first!.id, 1]);
      expect(await rejection(engine.start('other', { definitionId: first!.id }))).to.have.property('code', 'definition-not-found');
      expect(await rejection(engine.start('petition', { definitionId: '00000000-0000-4000-8000-000000000000' }))).to.have.property('code', 'definition-not-found');
      expect(await rejection(engine.start('petition', { definitionId: 'x; drop table definitions' }))).to.have.property('code', 'definition-not-found');
    });

    it('refuses a bad model with its problems and stores nothing', async () => {
      const bad = bpmn('<bpmn:process id="broken" isExecutable="true"><bpmn:complexGateway id="s" /></bpmn:process>');
      const err = await rejection(engine.deploy(bad));
      expect(err.code).to.equal('definition-invalid');
      expect(err.problems!.length).to.be.greaterThan(0);
      expect(await rejection(engine.start('broken'))).to.have.property('code', 'definition-not-found');
    });
  });

  describe('a process without a start event', () => {
    it('opens a task at every node without an incoming flow and completes when both are done', async () => {
      await engine.deploy(bpmn(`<bpmn:process id="implicit" isExecutable="true"><bpmn:userTask id="a" /><bpmn:userTask id="b" />
        <bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f" sourceRef="a" targetRef="e" /></bpmn:process>`));
      const { id } = await engine.start('implicit');
      const tasks = await engine.listTasks({ instanceId: id });
      expect(tasks.map((x) => x.elementId).sort()).to.deep.equal(['a', 'b']);
      for (const task of tasks) await engine.completeTask(task.id, {});
      expect((await engine.getInstance(id)).status).to.equal('completed');
    });
  });

  describe('a petition moving through its steps', () => {
    it('creates tasks, fires the reminder, runs the answer job and completes', async () => {
      // given
      await engine.deploy(petitionXml);
      const { id } = await engine.start('petition', { variables: { subject: 'Iluminat' }, businessKey: 'REG-1' });
      const [triage] = await engine.listTasks({ instanceId: id });
      expect(triage!.elementId).to.equal('triage');
      expect(triage!.candidateGroups).to.deep.equal(['registratura']);
      expect(triage!.due).to.equal('2026-03-07T08:00:00.000Z');
      expect(triage!.overdue).to.equal(false);
      // when: three days pass, the reminder fires without cancelling triage
      clock.advance(3 * DAY);
      expect(await engine.tick()).to.deep.equal({ timers: 1, jobs: 0, signals: 0 });
      expect((await engine.listTasks({ instanceId: id })).map((x) => x.elementId)).to.deep.equal(['triage']);
      clock.advance(3 * DAY);
      expect((await engine.listTasks({ instanceId: id }))[0]!.overdue, 'past its due date').to.equal(true);
      // and: triage and resolution are decided
      await engine.completeTask(triage!.id, { department: 'drumuri', anonymous: false });
      const [resolve] = await engine.listTasks({ group: 'drumuri' });
      expect(resolve!.instanceId).to.equal(id);
      await engine.correlate('documents-received', { businessKey: 'REG-1' }, { pages: 2 });
      await engine.completeTask(resolve!.id, { answer: 'Se repară' });
      expect(await engine.tick()).to.deep.equal({ timers: 0, jobs: 1, signals: 0 });
      // then
      const view = await engine.getInstance(id);
      expect(view.status).to.equal('completed');
      expect(view.variables).to.include({ subject: 'Iluminat', department: 'drumuri', pages: 2, answer: 'Se repară' });
      expect(sent).to.have.length(1);
      const types = view.events.map((e) => e.type);
      for (const type of ['instance.started', 'element.entered', 'element.completed', 'task.created', 'task.completed', 'timer.fired', 'message.correlated', 'instance.completed']) {
        expect(types, type).to.include(type);
      }
    });

    it('does not complete a task twice', async () => {
      await engine.deploy(petitionXml);
      const { id } = await engine.start('petition');
      const [triage] = await engine.listTasks({ instanceId: id });
      await engine.completeTask(triage!.id, { department: 'x' });
      const err = await rejection(engine.completeTask(triage!.id, {}));
      expect(err.code).to.equal('task-not-open');
    });

    it('does not correlate a message nobody waits for, and changes nothing', async () => {
      await engine.deploy(petitionXml);
      const { id } = await engine.start('petition', { businessKey: 'REG-2' });
      const before = await engine.getInstance(id);
      const err = await rejection(engine.correlate('documents-received', { instanceId: id }));
      expect(err.code).to.equal('message-not-correlated');
      expect((await engine.getInstance(id)).events).to.have.length(before.events.length);
    });
  });

  describe('bad input', () => {
    it('refuses variables that are not an object', async () => {
      await engine.deploy(petitionXml);
      expect((await rejection(engine.start('petition', { variables: [1, 2] }))).code).to.equal('variables-invalid');
    });

    it('refuses prototype-pollution keys', async () => {
      await engine.deploy(petitionXml);
      const variables = JSON.parse('{"a": {"__proto__": {"admin": true}}}');
      expect((await rejection(engine.start('petition', { variables }))).code).to.equal('variables-invalid');
    });

    it('refuses text the database cannot store, whoever calls, and writes nothing', async () => {
      // given a deployed procedure and an instance waiting on a user task
      await engine.deploy(petitionXml);
      const { id } = await engine.start('petition', { businessKey: 'REG-9' });
      const [task] = await engine.listTasks({ instanceId: id });
      const events = (await engine.getInstance(id)).events.length;
      for (const bad of ['a\u0000b', 'a\ud800b', '\udc00']) {
        // when variables carry NUL or a lone surrogate, as a value or as a key
        const calls = [
          engine.start('petition', { variables: { subject: bad } }),
          engine.start('petition', { variables: { nested: { [bad]: 1 } } }),
          engine.start('petition', { businessKey: bad }),
          engine.completeTask(task!.id, { department: [bad] }),
          engine.correlate('documents-received', { businessKey: 'REG-9' }, { pages: bad }),
          engine.correlate(bad, { businessKey: 'REG-9' }),
          engine.setVariables(id, { note: bad }),
        ];
        // then each is refused with a code, never a database error
        for (const call of calls) expect(['variables-invalid', 'bad-input']).to.include((await rejection(call)).code);
      }
      expect(await t.db.query('select id from instances')).to.have.length(1);
      expect((await engine.getInstance(id)).events).to.have.length(events);
      expect(await engine.listTasks({ instanceId: id })).to.have.length(1);
    });

    it('refuses a model naming such characters by reference, and deploys nothing', async () => {
      for (const ref of ['&#0;', '&#xD800;']) {
        const err = await rejection(engine.deploy(petitionXml.replace('name="', `name="${ref}`)));
        expect(err.code, ref).to.equal('xml-invalid');
      }
      expect(await t.db.query('select id from definitions')).to.have.length(0);
    });

    it('refuses an unknown task id with a clear code', async () => {
      expect((await rejection(engine.completeTask('not-a-task'))).code).to.equal('task-not-found');
      expect((await rejection(engine.completeTask('00000000-0000-4000-8000-000000000000'))).code).to.equal('task-not-found');
    });
  });

  describe('service task failures', () => {
    const xml = bpmn(`
<bpmn:error id="e" errorCode="REFUSED" />
<bpmn:process id="charge" isExecutable="true">
  <bpmn:startEvent id="s" />
  <bpmn:serviceTask id="pay" dosar:handler="flaky" dosar:retries="2" />
  <bpmn:boundaryEvent id="refused" attachedToRef="pay"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>
  <bpmn:userTask id="manual" />
  <bpmn:endEvent id="e1" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="pay" />
  <bpmn:sequenceFlow id="f2" sourceRef="pay" targetRef="e1" />
  <bpmn:sequenceFlow id="f3" sourceRef="refused" targetRef="manual" />
</bpmn:process>`);

    it('retries with backoff, then raises an incident that a retry resolves', async () => {
      let fail = true;
      engine.handlers.register({ name: 'flaky', optionsSchema: { type: 'object' }, run: () => { if (fail) throw new Error('gateway down'); return { paid: true }; } });
      await engine.deploy(xml);
      const { id } = await engine.start('charge');
      await engine.tick();
      expect((await engine.getInstance(id)).status).to.equal('active');
      await engine.tick();
      expect((await engine.tick()).jobs, 'backoff holds the retry back').to.equal(0);
      clock.advance(60_000);
      await engine.tick();
      const failed = await engine.getInstance(id);
      expect(failed.status).to.equal('incident');
      expect(failed.incident?.message).to.match(/gateway down/);
      fail = false;
      await engine.retryIncident(id);
      await engine.tick();
      expect((await engine.getInstance(id)).status).to.equal('completed');
    });

    it('waits between attempts as a Camunda 7 retry time cycle says, then raises an incident', async () => {
      const attempts: string[] = [];
      engine.handlers.register({ name: 'registry', optionsSchema: { type: 'object' }, run: () => { attempts.push(clock.now().toISOString()); throw new Error('registry offline'); } });
      await engine.deploy(bpmn(`<bpmn:process id="lookup" isExecutable="true"><bpmn:startEvent id="s" />
        <bpmn:serviceTask id="ask" camunda:type="external" camunda:topic="registry"><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>PT5M,PT1H</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="ask" /><bpmn:sequenceFlow id="f2" sourceRef="ask" targetRef="e" /></bpmn:process>`));
      const { id } = await engine.start('lookup');
      const start = clock.now().getTime();
      // Ticks every minute for three hours: each attempt runs at the first tick at or after its time.
      for (let minute = 0; minute <= 180; minute++) {
        clock.advance(minute === 0 ? 0 : 60_000);
        await engine.tick();
      }
      expect(attempts.map((at) => (Date.parse(at) - start) / 60_000)).to.deep.equal([0, 5, 65]);
      expect((await engine.getInstance(id)).status).to.equal('incident');
    });

    it('refuses to retry an incident whose job is no longer failed, changing nothing', async () => {
      engine.handlers.register({ name: 'flaky', optionsSchema: { type: 'object' }, run: () => { throw new Error('gateway down'); } });
      await engine.deploy(xml);
      const { id } = await engine.start('charge');
      for (let i = 0; i < 4; i++, clock.advance(60_000)) await engine.tick();
      expect((await engine.getInstance(id)).status).to.equal('incident');
      // Retried meanwhile by someone else and now running under another worker's lease.
      await t.db.query("update jobs set status = 'ready', locked_by = 'worker-b', locked_until = $1", [new Date(clock.now().getTime() + 60_000)]);
      expect((await rejection(engine.retryIncident(id))).code).to.equal('conflict');
      expect((await engine.getInstance(id)).status).to.equal('incident');
      expect(await t.db.query('select locked_by from jobs')).to.deep.equal([{ locked_by: 'worker-b' }]);
    });

    it('routes a BPMN error to the error boundary without retrying', async () => {
      engine.handlers.register({ name: 'flaky', optionsSchema: { type: 'object' }, run: () => { throw new BpmnError('REFUSED'); } });
      await engine.deploy(xml);
      const { id } = await engine.start('charge');
      await engine.tick();
      expect((await engine.listTasks({ instanceId: id })).map((x) => x.elementId)).to.deep.equal(['manual']);
    });
  });

  describe('call activities', () => {
    const child = bpmn(`<bpmn:process id="child" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:userTask id="inner" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="inner" /><bpmn:sequenceFlow id="f2" sourceRef="inner" targetRef="e" /></bpmn:process>`);
    const parent = bpmn(`<bpmn:process id="parent" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:callActivity id="call" calledElement="child" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="e" /></bpmn:process>`);

    it('starts the child in the same transaction and resumes the parent when it ends', async () => {
      await engine.deploy(child);
      await engine.deploy(parent);
      const { id } = await engine.start('parent', { variables: { x: 1 } });
      const [inner] = await engine.listTasks({});
      expect(inner!.elementId).to.equal('inner');
      await engine.completeTask(inner!.id, { y: 2 });
      const view = await engine.getInstance(id);
      expect(view.status).to.equal('completed');
      expect(view.variables).to.include({ x: 1, y: 2 });
    });
  });

  describe('atomicity', () => {
    it('writes nothing when one part of a step fails', async () => {
      // given a parent whose call activity names a procedure that was never deployed
      const parent = bpmn(`<bpmn:process id="orphan" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:callActivity id="call" calledElement="missing" /><bpmn:endEvent id="e" />
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="e" /></bpmn:process>`);
      await engine.deploy(parent);
      // when
      const err = await rejection(engine.start('orphan'));
      // then
      expect(err.code).to.equal('definition-not-found');
      expect(await t.db.query('select id from instances')).to.have.length(0);
      expect(await t.db.query('select id from events')).to.have.length(0);
    });

    it('hands a job whose worker crashed to another worker once its lease ends', async () => {
      const xml = bpmn(`<bpmn:process id="lease" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:serviceTask id="w" dosar:handler="send-answer" /><bpmn:endEvent id="e" />
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="w" /><bpmn:sequenceFlow id="f2" sourceRef="w" targetRef="e" /></bpmn:process>`);
      await engine.deploy(xml);
      const { id } = await engine.start('lease');
      // a worker claims the job and dies before finishing it
      const [claimed] = await engine.store.claimJobs({ now: clock.now(), limit: 1, workerId: 'crashed', leaseMs: 60_000 });
      expect(claimed).to.not.equal(undefined);
      expect((await engine.tick()).jobs, 'still leased').to.equal(0);
      clock.advance(61_000);
      expect((await engine.tick()).jobs).to.equal(1);
      expect((await engine.getInstance(id)).status).to.equal('completed');
      expect(sent).to.have.length(1);
    });
  });

  describe('message start events', () => {
    it('starts an instance when a message arrives for a business key nobody waits on', async () => {
      const xml = bpmn(`<bpmn:message id="m" name="cerere-online" /><bpmn:process id="online" isExecutable="true">
        <bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent><bpmn:userTask id="t" />
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /></bpmn:process>`);
      await engine.deploy(xml);
      const result = await engine.correlate('cerere-online', { businessKey: 'WEB-1' }, { nume: 'Ana' });
      expect(result.started).to.equal(true);
      const view = await engine.getInstance(result.instanceId);
      expect(view.businessKey).to.equal('WEB-1');
      expect(view.variables).to.deep.equal({ nume: 'Ana' });
      expect((await rejection(engine.start('online'))).code).to.equal('bad-input');
    });
  });

  describe('timer start events', () => {
    it('starts an instance when the timer is due', async () => {
      const xml = bpmn(`<bpmn:process id="daily" isExecutable="true">
        <bpmn:startEvent id="s"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
        <bpmn:userTask id="digest" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="digest" /></bpmn:process>`);
      await engine.deploy(xml);
      expect((await engine.tick()).timers).to.equal(0);
      clock.advance(DAY);
      expect((await engine.tick()).timers).to.equal(1);
      clock.advance(DAY);
      expect((await engine.tick()).timers).to.equal(1);
      clock.advance(DAY);
      expect((await engine.tick()).timers, 'R2 fires twice').to.equal(0);
      expect(await engine.listTasks({})).to.have.length(2);
    });
  });

  describe('migrate', () => {
    it('moves a waiting token to the mapped element of the new version', async () => {
      await engine.deploy(petitionXml);
      const { id } = await engine.start('petition');
      await engine.deploy(petitionXml.replace(/"triage"/g, '"triage2"').replace('attachedToRef="triage2"', 'attachedToRef="triage2"'));
      const view = await engine.migrate(id, 2, { triage: 'triage2' });
      expect(view.version).to.equal(2);
      expect(view.active).to.deep.equal(['triage2']);
      const [task] = await engine.listTasks({ instanceId: id });
      expect(task!.elementId).to.equal('triage2');
      await engine.completeTask(task!.id, { department: 'x', anonymous: true });
      expect((await engine.getInstance(id)).status).to.equal('completed');
    });

    it('refuses a mapping that would strand a token and changes nothing', async () => {
      await engine.deploy(petitionXml);
      const { id } = await engine.start('petition');
      await engine.deploy(petitionXml.replace(/"triage"/g, '"triage2"'));
      const err = await rejection(engine.migrate(id, 2, {}));
      expect(err.code).to.equal('migration-invalid');
      expect(err.problems!.some((p) => p.elementId === 'triage')).to.equal(true);
      expect((await engine.getInstance(id)).version).to.equal(1);
    });
  });

  describe('deadlines', () => {
    const authorisation = readFileSync(new URL('../fixtures/bpmn/authorisation.bpmn', import.meta.url), 'utf8');

    it('extends the term by decision and grants tacit approval when it expires', async () => {
      clock.at = new Date('2026-11-02T08:00:00Z');
      await engine.deploy(authorisation);
      const { id } = await engine.start('authorisation');
      expect((await engine.getInstance(id)).clock).to.deep.include({ state: 'running', due: '2026-12-02' });
      const extended = await engine.changeDeadline(id, { action: 'extend', amount: 15, unit: 'days', reason: 'Verificări pe teren', source: 'OG 27/2002 art. 9' });
      expect(extended.due).to.equal('2026-12-17');
      clock.at = new Date('2026-12-17T21:00:00Z');
      await engine.tick();
      expect((await engine.getInstance(id)).variables.tacitApproval).to.equal(undefined);
      clock.at = new Date('2026-12-17T22:00:01Z');
      await engine.tick();
      const view = await engine.getInstance(id);
      expect(view.variables.tacitApproval).to.equal(true);
      expect(view.status).to.equal('completed');
      expect(view.clock!.state).to.equal('stopped');
    });

    it('refuses a deadline change that does not fit, writing nothing', async () => {
      await engine.deploy(authorisation);
      const { id } = await engine.start('authorisation');
      const before = (await engine.getInstance(id)).events.length;
      expect((await rejection(engine.changeDeadline(id, { action: 'resume' }))).code).to.equal('clock-invalid');
      expect((await rejection(engine.changeDeadline(id, { action: 'extend', amount: -3, unit: 'days', reason: 'x' }))).code).to.equal('term-invalid');
      expect((await rejection(engine.changeDeadline(id, { action: 'extend', amount: 3, unit: 'fortnights', reason: 'x' }))).code).to.equal('term-invalid');
      expect((await engine.getInstance(id)).events).to.have.length(before);
    });

    it('has no deadline to change on a procedure without a legal term', async () => {
      await engine.deploy(petitionXml);
      const { id } = await engine.start('petition');
      expect((await rejection(engine.changeDeadline(id, { action: 'suspend' }))).code).to.equal('clock-required');
    });
  });

  describe('the clock', () => {
    it('reads time only from the injected clock', async () => {
      const fixed = new Engine({ store: createEnginePort(t.db), clock: fixedClock('2030-01-01T00:00:00Z'), handlers: engine.handlers });
      await fixed.deploy(petitionXml);
      const { id } = await fixed.start('petition');
      const view = await fixed.getInstance(id);
      expect(view.events[0]!.at).to.equal('2030-01-01T00:00:00.000Z');
    });
  });
});
