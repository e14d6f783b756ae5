import { Router } from 'express';
import { AppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { requireRole, requireUser } from '../http/auth.ts';
import { apiLanguage } from '../http/language.ts';
import { correlateMessage, type MessageInput } from '../requests/correlate-message.ts';
import { reassignTask, releaseTask } from '../tasks/assignment.ts';
import { decideTask, taskForm } from '../tasks/decide.ts';
import { listQueue, queueCounts, requireActionableTask, type QueueFilter } from '../tasks/queue.ts';

export function queueFilter(query: Record<string, unknown>): QueueFilter {
  const filter: QueueFilter = {};
  if (typeof query.group === 'string' && query.group) filter.group = query.group;
  if (query.assignee === 'me' || query.assignee === 'none') filter.assignee = query.assignee;
  if (typeof query.procedure === 'string' && query.procedure) filter.procedure = query.procedure;
  if (query.overdue === 'true' || query.overdue === '1') filter.overdue = true;
  // `risc` (the page's word): only tasks whose request is at risk of missing its legal deadline.
  if (query.risc === 'true' || query.risc === '1') filter.atRisk = true;
  if (typeof query.dueWithin === 'string' && query.dueWithin !== '') {
    const n = Number(query.dueWithin);
    if (!Number.isInteger(n) || n < 0 || n > 365) throw new AppError('bad-input', 'dueWithin is a number of working days, 0-365');
    filter.dueWithinWorkingDays = n;
  }
  if (typeof query.limit === 'string' && query.limit !== '') {
    const n = Number(query.limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new AppError('bad-input', 'limit is 1-1000');
    filter.limit = n;
  }
  return filter;
}

/** The clerk's task list: queues, claims, decisions. */
export function taskRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/tasks', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const tasks = await listQueue(ctx, user, queueFilter(req.query));
    res.json({ tasks, counts: await queueCounts(ctx, user) });
  });

  r.get('/tasks/:id', async (req, res) => {
    const task = await requireActionableTask(ctx, requireUser(req), req.params.id);
    const { form } = await taskForm(ctx, task);
    res.json({ ...task, form: form ? { schema: form.schema, uiSchema: form.uiSchema ?? null } : null });
  });

  r.post('/tasks/:id/claim', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    await requireActionableTask(ctx, user, req.params.id);
    res.json(await ctx.engine.assignTask(req.params.id, user.email, { by: user.email }));
  });

  r.post('/tasks/:id/unclaim', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    res.json(await releaseTask(ctx, user, await requireActionableTask(ctx, user, req.params.id)));
  });

  r.post('/tasks/:id/assign', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const task = await requireActionableTask(ctx, user, req.params.id);
    res.json(await reassignTask(ctx, user, task, (req.body as { assignee?: unknown } | undefined)?.assignee));
  });

  r.post('/tasks/:id/complete', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const result = await decideTask(ctx, user, req.params.id, req.body ?? {}, apiLanguage(req));
    res.json({ instanceId: result.instanceId, ...(result.document ? { document: result.document } : {}) });
  });

  r.post('/messages', async (req, res) => {
    res.json(await correlateMessage(ctx, requireUser(req), (req.body ?? {}) as MessageInput));
  });

  return r;
}
