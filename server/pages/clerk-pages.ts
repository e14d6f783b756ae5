import { Router, type Request, type Response } from 'express';
import { AppError } from '../../engine/index.ts';
import { renderForm, type FieldError } from '../../forms/index.ts';
import { parseFormPost } from '../../forms/render/parse-form-post.ts';
import type { AppContext } from '../context.ts';
import { requireRole } from '../http/auth.ts';
import { listDepartments } from '../departments/departments-store.ts';
import { listLatestPackages } from '../procedures/catalogue.ts';
import { deployedDiagram } from '../procedures/diagram.ts';
import { diagramSvg } from '../procedures/diagram-svg.ts';
import { extendTerm, requestCompletion } from '../requests/completion.ts';
import { findRequestByInstance, viewRequest } from '../requests/request-view.ts';
import { queueFilter } from '../api/task-routes.ts';
import { eligibleClerks, reassignTask, releaseTask } from '../tasks/assignment.ts';
import { attachmentsOf } from '../requests/downloads.ts';
import { closingWarning, decideTask, documentOf, taskForm } from '../tasks/decide.ts';
import { listQueue, queueCounts, requireActionableTask } from '../tasks/queue.ts';
import { previewKind } from './clerk-case-pages.ts';
import { requestAnswers, requestModel } from './request-model.ts';
import { renderPage, safe } from './view.ts';

/** The clerk's side: queues with counts and filters, the task page with its request and decision. */
export function clerkPages(ctx: AppContext): Router {
  const r = Router();

  /** The request a task works on: completions and extensions are asked of requests. */
  const requestOfTask = async (instanceId: string) => {
    const request = await findRequestByInstance(ctx, instanceId);
    if (!request) throw new AppError('bad-input', { ro: 'Sarcina nu aparține unei cereri.', en: 'The task belongs to no request.' });
    return request;
  };

  r.get('/lucru', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const filter = queueFilter(req.query);
    const [tasks, counts, procedures, departments] = await Promise.all([listQueue(ctx, user, filter), queueCounts(ctx, user), listLatestPackages(ctx.db), listDepartments(ctx.db)]);
    // Departments are shown by name; a group no department row names keeps its code.
    const names = new Map(departments.map((d) => [d.code, d.name]));
    const name = (code: string) => names.get(code) ?? { ro: code, en: code };
    renderPage(req, res, 'queue', {
      title: req.lang === 'en' ? 'Tasks' : 'Sarcini',
      tasks: tasks.map((task) => ({ ...task, groupNames: task.candidateGroups.map(name) })),
      counts: counts.map((c) => ({ ...c, name: name(c.group) })),
      procedures: procedures.map((p) => ({ key: p.key, title: p.meta.title, selected: p.key === filter.procedure })),
      filter, groups: user.departments.map((g) => ({ code: g, name: name(g), selected: g === filter.group })),
    });
  });

  const showTask = async (req: Request, res: Response, taskId: string, data: Record<string, unknown> = {}, errors: FieldError[] = [], status = 200, extra: Record<string, unknown> = {}) => {
    const user = requireRole(req, 'clerk', 'admin');
    const lang = req.lang ?? 'ro';
    const task = await requireActionableTask(ctx, user, taskId);
    const { form, instance, pkg } = await taskForm(ctx, task);
    const request = await findRequestByInstance(ctx, task.instanceId);
    const view = request ? await viewRequest(ctx, request) : undefined;
    const title = task.name ?? task.elementId;
    const { xml } = await deployedDiagram(ctx.engine, ctx.db, instance.key, instance.version);
    const diagram = await diagramSvg(xml, { active: instance.active, title: `${lang === 'en' ? 'Procedure diagram; the current step is marked in red' : 'Diagrama procedurii; etapa curentă este marcată cu roșu'}: ${title}` });
    const decisionForm = renderForm(form?.schema ?? { type: 'object', properties: {} }, { data, errors, lang, action: `/lucru/sarcini/${task.id}/decizie`, csrfToken: req.csrf!, ...(form?.uiSchema ? { uiSchema: form.uiSchema } : {}) });
    renderPage(req, res, 'task', {
      title: task.name ?? task.elementId, task, mine: task.assignee === user.email, claimedByOther: !!task.assignee && task.assignee !== user.email,
      request: view ? await requestModel(ctx, view, lang) : undefined, answers: view ? await requestAnswers(ctx, view, lang) : [],
      variables: JSON.stringify(instance.variables, null, 2), decisionForm: safe(decisionForm),
      diagram: safe(diagram),
      pendingCompletion: view?.completions.find((c) => c.answeredAt === null),
      completionSuspendsTerm: pkg?.meta.completionSuspendsTerm !== false,
      colleagues: (await eligibleClerks(ctx, task)).filter((c) => c.email !== user.email),
      files: view ? (await attachmentsOf(ctx, view.id)).map((f) => ({ ...f, preview: previewKind(f.mediaType) })) : [],
      issuesDocument: !!(view && pkg && documentOf(pkg, task.elementId)),
      ...extra,
    }, status);
  };

  r.get('/lucru/sarcini/:id', (req, res) => showTask(req, res, req.params.id));

  r.post('/lucru/sarcini/:id/preluare', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    await requireActionableTask(ctx, user, req.params.id);
    await ctx.engine.assignTask(req.params.id, user.email, { by: user.email });
    res.redirect(303, `/lucru/sarcini/${req.params.id}`);
  });

  r.post('/lucru/sarcini/:id/eliberare', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    await releaseTask(ctx, user, await requireActionableTask(ctx, user, req.params.id));
    res.redirect(303, '/lucru');
  });

  r.post('/lucru/sarcini/:id/repartizare', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const task = await requireActionableTask(ctx, user, req.params.id);
    await reassignTask(ctx, user, task, (req.body as Record<string, unknown>).assignee);
    res.redirect(303, '/lucru');
  });

  r.post('/lucru/sarcini/:id/decizie', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const task = await requireActionableTask(ctx, user, req.params.id);
    const { form } = await taskForm(ctx, task);
    const { data } = parseFormPost(form?.schema ?? { type: 'object', properties: {} }, req.body as Record<string, string>);
    // A decision that ends the request says so first; it is sent only once the clerk confirms.
    if ((req.body as Record<string, unknown>)._confirm !== '1') {
      const closing = await closingWarning(ctx, task, data, req.lang ?? 'ro');
      if (closing) return showTask(req, res, task.id, data, [], 200, { confirmClose: { ...closing, hidden: hiddenFields(data) } });
    }
    try {
      const result = await decideTask(ctx, user, task.id, data, req.lang ?? 'ro');
      const request = await findRequestByInstance(ctx, result.instanceId);
      res.redirect(303, request ? `/lucru/cereri/${request.id}?decis=1` : '/lucru');
    } catch (err) {
      if (err instanceof AppError && err.code === 'form-invalid' && Array.isArray(err.details)) return showTask(req, res, task.id, data, err.details as FieldError[], 422);
      throw err;
    }
  });

  r.post('/lucru/sarcini/:id/completare', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const task = await requireActionableTask(ctx, user, req.params.id);
    const request = await requestOfTask(task.instanceId);
    await requestCompletion(ctx, user, request.id, (req.body as Record<string, unknown>).message);
    res.redirect(303, `/lucru/sarcini/${task.id}`);
  });

  r.post('/lucru/sarcini/:id/prelungire', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const task = await requireActionableTask(ctx, user, req.params.id);
    const request = await requestOfTask(task.instanceId);
    await extendTerm(ctx, user, request.id, req.body as Record<string, unknown>);
    res.redirect(303, `/lucru/sarcini/${task.id}`);
  });

  r.get('/lucru/diagrame/:key/:version', async (req, res) => {
    requireRole(req, 'clerk', 'admin', 'analyst');
    const { xml } = await deployedDiagram(ctx.engine, ctx.db, req.params.key, Number(req.params.version) || undefined);
    res.type('application/xml').send(xml);
  });

  return r;
}

/** A decision's answers as the hidden inputs of its confirmation form (an unticked box sends nothing, as in the form). */
function hiddenFields(data: unknown, prefix = ''): Array<{ name: string; value: string }> {
  if (data === undefined || data === null || data === false) return [];
  if (Array.isArray(data)) return data.flatMap((v, i) => hiddenFields(v, `${prefix}[${i}]`));
  if (typeof data === 'object') return Object.entries(data as Record<string, unknown>).flatMap(([k, v]) => hiddenFields(v, prefix ? `${prefix}[${k}]` : k));
  return [{ name: prefix, value: String(data) }];
}
