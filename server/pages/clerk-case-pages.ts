import { Router } from 'express';
import { AppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { prepareDocument } from '../documents/issue-document.ts';
import { requireRole } from '../http/auth.ts';
import { addCaseNote, listCaseNotes } from '../requests/case-notes.ts';
import { attachmentsOf, openRequestFile } from '../requests/downloads.ts';
import { findRequestByInstance, requireVisibleRequest, viewRequest } from '../requests/request-view.ts';
import { documentOf, taskForm } from '../tasks/decide.ts';
import { requireActionableTask } from '../tasks/queue.ts';
import { requestAnswers, requestModel } from './request-model.ts';
import { deployedDiagram } from '../procedures/diagram.ts';
import { diagramSvg } from '../procedures/diagram-svg.ts';
import { renderPage, safe } from './view.ts';
import { sendFile } from '../http/send-file.ts';

/** Files a browser shows by itself: these open inline (previews); anything else is only downloaded. */
const PREVIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** What a file is, for the page: previewed as a picture, as a PDF, or only offered for download. */
export function previewKind(mediaType: string): 'image' | 'pdf' | undefined {
  return mediaType === 'application/pdf' ? 'pdf' : mediaType.startsWith('image/') && PREVIEWABLE.has(mediaType) ? 'image' : undefined;
}

/**
 * The clerk's file of a request, where the work on it happens: the citizen's answers under the
 * form's labels, the files with previews, the documents issued, the legal clock, the history with
 * names, the diagram at the current step, and notes between clerks. Who may open it: the clerks
 * who may see the request (request-view.ts) and admins.
 */
export function clerkCasePages(ctx: AppContext): Router {
  const r = Router();

  r.get('/lucru/cereri/:id', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const lang = req.lang ?? 'ro';
    const view = await viewRequest(ctx, await requireVisibleRequest(ctx, user, req.params.id));
    const files = (await attachmentsOf(ctx, view.id)).map((f) => ({ ...f, preview: previewKind(f.mediaType) }));
    renderPage(req, res, 'case', {
      title: `${lang === 'en' ? 'Request' : 'Cererea'} ${view.registrationNumber}`,
      request: await requestModel(ctx, view, lang), answers: await requestAnswers(ctx, view, lang), files,
      notes: await listCaseNotes(ctx, user, view.id), decided: req.query.decis === '1',
      diagram: safe(await diagramSvg((await deployedDiagram(ctx.engine, ctx.db, view.procedureKey, view.version)).xml, {
        active: view.active,
        title: lang === 'en' ? 'Procedure diagram; the current steps are marked in red' : 'Diagrama procedurii; etapele curente sunt marcate cu roșu',
      })),
    });
  });

  // Inline for the previews (only types a browser draws itself, never HTML or SVG), else a download.
  r.get('/lucru/cereri/:id/fisiere/:uploadId', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const file = await openRequestFile(ctx, user, req.params.id, req.params.uploadId);
    const inline = req.query.descarca !== '1' && PREVIEWABLE.has(file.mediaType);
    sendFile(res, await file.open(), { name: file.originalName, mediaType: file.mediaType, inline });
  });

  r.post('/lucru/cereri/:id/note', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    await addCaseNote(ctx, user, req.params.id, (req.body as Record<string, unknown>).note);
    res.redirect(303, `/lucru/cereri/${req.params.id}#notes-title`);
  });

  // What the signer signs: the document this task issues, drawn from the file as it stands, its number still to come.
  r.get('/lucru/sarcini/:id/document', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const task = await requireActionableTask(ctx, user, req.params.id);
    const { instance, pkg, form } = await taskForm(ctx, task);
    const request = await findRequestByInstance(ctx, task.instanceId);
    const issued = pkg && request ? documentOf(pkg, task.elementId) : undefined;
    if (!issued) throw new AppError('not-found', { ro: 'Etapa nu emite un document.', en: 'The step issues no document.' });
    // The signer's own fields (who signs, in what office) are filled in only by this decision: blank until then.
    const blanks = Object.fromEntries(Object.keys((form?.schema.properties ?? {}) as object).map((k) => [k, '']));
    const prepared = prepareDocument(ctx, { request: request!, pkg: pkg!, templateName: issued.template, ...(issued.title ? { title: issued.title } : {}), variables: { ...blanks, ...instance.variables }, elementId: task.elementId });
    const pending = request!.lang === 'en' ? '(number given when signed)' : '(număr atribuit la semnare)';
    res.type('html').setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'").send(prepared.html.split(prepared.placeholder).join(pending));
  });

  return r;
}
