import { expect } from 'chai';
import { addWorkingDays, endOfLocalDay, localDate } from '../../../engine/index.ts';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

interface Filter { group?: string; assignee?: 'me' | 'none'; procedure?: string; overdue?: boolean; dueWithin?: number }
interface OpenTask { id: string; groups: string[]; assignee: string | null; due: Date | null; procedure: string | null }

/** Every value each filter takes, "absent" included: the queue is checked on all their combinations. */
function everyFilter(groups: Array<string | undefined>): Filter[] {
  const out: Filter[] = [];
  for (const group of groups) {
    for (const assignee of [undefined, 'me', 'none'] as const) {
      for (const procedure of [undefined, 'petitie', 'nu-exista']) {
        for (const overdue of [undefined, true]) {
          for (const dueWithin of [undefined, 0, 10]) {
            out.push({
              ...(group ? { group } : {}), ...(assignee ? { assignee } : {}), ...(procedure ? { procedure } : {}),
              ...(overdue ? { overdue } : {}), ...(dueWithin !== undefined ? { dueWithin } : {}),
            });
          }
        }
      }
    }
  }
  return out;
}

function query(f: Filter): string {
  const q = new URLSearchParams();
  if (f.group) q.set('group', f.group);
  if (f.assignee) q.set('assignee', f.assignee);
  if (f.procedure) q.set('procedure', f.procedure);
  if (f.overdue) q.set('overdue', 'true');
  if (f.dueWithin !== undefined) q.set('dueWithin', String(f.dueWithin));
  const s = q.toString();
  return s ? `?${s}` : '';
}

describe('the task queue', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  /**
   * Open tasks of every kind a filter tells apart: claimed by the clerk, by the admin, by nobody;
   * in registratura and urbanism; with a due date and without; of a request and of an instance
   * started without one (no procedure of a request). Then the clock passes the triage due dates.
   */
  async function setup() {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const admin = await s.user('admin@primarie.ro', 'admin');
    for (let i = 0; i < 3; i++) await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
    await s.ctx.engine.start('petitie', { businessKey: 'REG-CLI-1' });
    const triage = (await s.api('/api/v1/tasks', { token: ana.token })).body.tasks as Array<{ id: string; requestId: string | null }>;
    expect(triage).to.have.length(4);
    const ofRequests = triage.filter((x) => x.requestId);
    expect((await s.api(`/api/v1/tasks/${ofRequests[0]!.id}/complete`, { token: ana.token, body: { data: { anonima: false, competenta: true, departament: 'urbanism' } } })).status).to.equal(200);
    expect((await s.api(`/api/v1/tasks/${ofRequests[1]!.id}/claim`, { token: ana.token, body: {} })).status).to.equal(200);
    const [urbanism] = (await t.db.query<{ id: string }>("select id from tasks where status = 'open' and candidate_groups @> array['urbanism']"));
    expect((await s.api(`/api/v1/tasks/${urbanism!.id}/claim`, { token: admin.token, body: {} })).status).to.equal(200);
    s.clock.set('2026-03-10T09:00:00Z');
    return { ana, admin };
  }

  async function openTasks(): Promise<OpenTask[]> {
    const rows = await t.db.query<{ id: string; candidate_groups: string[]; assignee: string | null; due: Date | null; procedure_key: string | null }>(
      "select t.id, t.candidate_groups, t.assignee, t.due, r.procedure_key from tasks t left join requests r on r.instance_id = t.instance_id where t.status = 'open'");
    return rows.map((r) => ({ id: r.id, groups: r.candidate_groups, assignee: r.assignee, due: r.due ? new Date(r.due) : null, procedure: r.procedure_key }));
  }

  /** What the queue should hold, from the rules of the queue written plainly. */
  async function expected(user: { email: string; role: string; departments: string[] }, f: Filter, tasks: OpenTask[]): Promise<string[]> {
    const now = s.clock.now();
    const calendar = await s.ctx.engine.calendar();
    const groups = f.group ? [f.group] : user.departments;
    return tasks.filter((x) => {
      if (!(user.role === 'admin' && !f.group) && !(x.groups.some((g) => groups.includes(g)) || x.assignee === user.email)) return false;
      if (f.assignee === 'me' && x.assignee !== user.email) return false;
      if (f.assignee === 'none' && x.assignee !== null) return false;
      if (f.procedure && x.procedure !== f.procedure) return false;
      if (f.overdue && !(x.due && x.due < now)) return false;
      if (f.dueWithin !== undefined && !(x.due && x.due <= endOfLocalDay(addWorkingDays(calendar, localDate(now), f.dueWithin)))) return false;
      return true;
    }).map((x) => x.id).sort();
  }

  describe('when an admin lists it', () => {
    it('answers every combination of filters with the tasks they select, none filter included', async () => {
      // given
      const { admin } = await setup();
      const tasks = await openTasks();
      expect(tasks.map((x) => x.assignee)).to.include.members(['ana@primarie.ro', 'admin@primarie.ro', null]);
      expect(tasks.map((x) => x.procedure)).to.include.members(['petitie', null]);
      const answers = new Set<string>();
      // when / then
      for (const f of everyFilter([undefined, 'registratura', 'urbanism', 'taxe'])) {
        const res = await s.api(`/api/v1/tasks${query(f)}`, { token: admin.token });
        expect(res.status, `${query(f)} ${JSON.stringify(res.body).slice(0, 200)}`).to.equal(200);
        const ids = res.body.tasks.map((x: { id: string }) => x.id).sort();
        expect(ids, query(f)).to.deep.equal(await expected(admin, f, tasks));
        answers.add(ids.join());
      }
      expect(answers.size, 'the filters select different tasks').to.be.greaterThan(5);
    });

    it('shows every task, whatever its department, with no filter', async () => {
      const { admin } = await setup();
      const res = await s.api('/api/v1/tasks', { token: admin.token });
      expect(res.status).to.equal(200);
      expect(res.body.tasks).to.have.length((await openTasks()).length).and.to.have.length(4);
    });

    it('renders the queue page, with and without filters', async () => {
      const { admin } = await setup();
      const session = await signInSession(s, admin.email, admin.password);
      for (const path of ['/lucru', '/lucru?assignee=me', '/lucru?assignee=none', '/lucru?group=urbanism&overdue=1', '/lucru?procedure=petitie&dueWithin=3']) {
        const res = await session.page(path);
        expect(res.status, path).to.equal(200);
      }
      expect(await (await session.page('/lucru')).text()).to.contain('Triere la registratură').and.to.contain('Soluționare');
    });
  });

  describe('when a clerk lists it', () => {
    it('answers every combination of filters on their departments with the tasks they select', async () => {
      const { ana } = await setup();
      const tasks = await openTasks();
      for (const f of everyFilter([undefined, 'registratura'])) {
        const res = await s.api(`/api/v1/tasks${query(f)}`, { token: ana.token });
        expect(res.status, `${query(f)} ${JSON.stringify(res.body).slice(0, 200)}`).to.equal(200);
        expect(res.body.tasks.map((x: { id: string }) => x.id).sort(), query(f)).to.deep.equal(await expected(ana, f, tasks));
      }
    });

    it('does not show another department\'s task, nor its queue', async () => {
      const { ana } = await setup();
      const res = await s.api('/api/v1/tasks', { token: ana.token });
      expect(res.body.tasks.flatMap((x: { candidateGroups: string[] }) => x.candidateGroups)).not.to.include('urbanism');
      for (const f of everyFilter(['urbanism']).slice(0, 12)) {
        expect((await s.api(`/api/v1/tasks${query(f)}`, { token: ana.token })).status, query(f)).to.equal(403);
      }
    });
  });
});
