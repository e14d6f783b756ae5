import { expect } from 'chai';
import { CoreDriver, bpmn } from '../../support/core-driver.ts';
import { problemCodes } from '../../support/model-problems.ts';

const model = bpmn(`
<bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
  <bpmn:userTask id="review" name="Review" dosar:candidateGroups="registratura, juridic" dosar:assignee="=clerk" dosar:dueDate="P5D" dosar:formKey="review-form">
    <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
  </bpmn:userTask>
  <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
  <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
</bpmn:process>`);

describe('userTask behaviour', () => {
  describe('when a token arrives', () => {
    it('creates a task with groups, assignee, form and due date', async () => {
      // given
      const d = await CoreDriver.fromXml(model);
      // when
      d.start({ clerk: 'ana@primarie.ro' });
      // then
      const task = d.task('review');
      expect(task.candidateGroups).to.deep.equal(['registratura', 'juridic']);
      expect(task.assignee).to.equal('ana@primarie.ro');
      expect(task.formKey).to.equal('review-form');
      expect(task.due).to.equal('2026-03-07T08:00:00.000Z');
      expect(d.activeElements()).to.deep.equal(['review']);
    });
  });

  describe('when its name holds ${...} (Camunda 7 evaluates task names)', () => {
    it('names the task with the values of the moment, each inner instance with its own item', async () => {
      const d = await CoreDriver.fromXml(model.replace('name="Review"', 'name="Aviz ${dept} pentru ${nr}"')
        .replace('dosar:formKey="review-form">', 'dosar:formKey="review-form"><bpmn:multiInstanceLoopCharacteristics camunda:collection="${depts}" camunda:elementVariable="dept" />'));
      d.start({ depts: ['mediu', 'drumuri'], nr: 17 });
      expect([...d.tasks.values()].map((t) => t.name).sort()).to.deep.equal(['Aviz drumuri pentru 17', 'Aviz mediu pentru 17']);
    });

    it('writes a missing value as nothing, and keeps a name without ${ as it is', async () => {
      const named = async (name: string) => (await CoreDriver.fromXml(model.replace('name="Review"', `name="${name}"`))).start({}).task('review').name;
      expect(await named('Aviz ${dept}')).to.equal('Aviz ');
      expect(await named('Verificare $ 100 {x}')).to.equal('Verificare $ 100 {x}');
    });

    it('is refused at deploy when its JUEL is outside the supported subset', async () => {
      expect(await problemCodes(model.replace('name="Review"', 'name="Aviz ${dept.substring(1)}"'))).to.deep.equal(['expression-unsupported@review']);
    });
  });

  describe('when its due date is a day alone', () => {
    it('is due at the end of that day in Bucharest, as a legal term\'s last day is; a time of day is taken as written', async () => {
      const due = async (dueDate: string) => {
        const d = (await CoreDriver.fromXml(model.replace('dosar:dueDate="P5D"', `dosar:dueDate="${dueDate}"`))).start({ limita: '2027-01-15' });
        return d.task('review').due;
      };
      expect(await due('2027-01-15')).to.equal('2027-01-15T21:59:59.999Z');
      expect(await due('=limita')).to.equal('2027-01-15T21:59:59.999Z');
      expect(await due('2027-07-15')).to.equal('2027-07-15T20:59:59.999Z');
      expect(await due('2027-01-15T12:00:00')).to.equal('2027-01-15T10:00:00.000Z');
    });

    it('is due when Camunda 7\'s dateTime().plusDays(n).toDate() says, counted from the step\'s clock', async () => {
      const d = (await CoreDriver.fromXml(model.replace('dosar:dueDate="P5D"', 'camunda:dueDate="${dateTime().plusDays(zile).toDate()}" camunda:followUpDate="${dateTime().plusWeeks(1).minusHours(2).toDate()}"'))).start({ zile: 3 });
      expect(d.task('review').due).to.equal('2026-03-05T08:00:00.000Z');
      expect(d.task('review').followUp).to.equal('2026-03-09T06:00:00.000Z');
    });

    it('starts its follow-up at the beginning of that day', async () => {
      const d = (await CoreDriver.fromXml(model.replace('dosar:dueDate="P5D"', 'dosar:followUpDate="2027-01-15"'))).start({});
      expect(d.task('review').followUp).to.equal('2027-01-14T22:00:00.000Z');
    });
  });

  describe('when the task is completed', () => {
    it('stores the variables and moves the token to the end', async () => {
      const d = await CoreDriver.fromXml(model);
      d.start({}).completeTask('review', { decision: 'approved' });
      expect(d.status).to.equal('completed');
      expect(d.variables.decision).to.equal('approved');
      expect(d.events.map((e) => e.type)).to.include.members(['task.created', 'task.completed', 'instance.completed']);
    });

    it('does not accept a second completion of the same task', async () => {
      const d = await CoreDriver.fromXml(model);
      d.start({});
      const taskId = d.task('review').id;
      d.completeTask('review');
      expect(() => d.run({ type: 'completeTask', taskId, variables: {} })).to.throw(/ended|not open/);
    });
  });
});
