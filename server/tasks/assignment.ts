import { AppError, type TaskView } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import { listStaff } from '../auth/users-store.ts';
import type { AppContext } from '../context.ts';
import type { QueueTask } from './queue.ts';

/** Who may take over a task: clerks (and administrators) of its departments, or any clerk when it has none. */
export function eligibleClerks(ctx: AppContext, task: Pick<QueueTask, 'candidateGroups'>): Promise<Array<{ email: string; name: string }>> {
  return listStaff(ctx.db, task.candidateGroups);
}

/**
 * Releases a task back to its queue: only its holder or an administrator may, and releasing a task
 * nobody holds changes nothing. The same rule for the pages and the API.
 */
export async function releaseTask(ctx: AppContext, user: User, task: QueueTask): Promise<TaskView> {
  if (!task.assignee) {
    const { id, instanceId, elementId, name, candidateGroups, assignee, due } = task;
    return { id, instanceId, elementId, name, candidateGroups, assignee, due };
  }
  if (task.assignee !== user.email && user.role !== 'admin') {
    throw new AppError('conflict', { ro: `Sarcina este preluată de ${task.assignee}; doar această persoană sau un administrator o poate elibera.`, en: `The task is claimed by ${task.assignee}; only they or an administrator can release it.` });
  }
  return ctx.engine.assignTask(task.id, null, { force: true, by: user.email });
}

/**
 * Gives a task to someone who works in one of its departments. A task someone holds is theirs to
 * give, or an administrator's, as for releasing it: reassigning must not be a way round that rule.
 * The same rule for the pages and the API.
 */
export async function reassignTask(ctx: AppContext, user: User, task: QueueTask, assignee: unknown): Promise<TaskView> {
  if (task.assignee && task.assignee !== user.email && user.role !== 'admin') {
    throw new AppError('conflict', { ro: `Sarcina este preluată de ${task.assignee}; doar această persoană sau un administrator o poate da altcuiva.`, en: `The task is claimed by ${task.assignee}; only they or an administrator can give it to someone else.` });
  }
  const email = typeof assignee === 'string' ? assignee.trim().toLowerCase() : '';
  if (!email.includes('@')) throw new AppError('bad-input', { ro: 'Alegeți persoana după adresa de email.', en: 'The assignee is the email of a clerk.' });
  if (!(await eligibleClerks(ctx, task)).some((c) => c.email === email)) {
    throw new AppError('bad-input', { ro: `${email} nu lucrează în departamentul sarcinii.`, en: `${email} does not work in the task's department.` });
  }
  return ctx.engine.assignTask(task.id, email, { force: true, by: user.email });
}
