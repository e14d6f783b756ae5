import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { attachArchivedDocument } from '../archive/communicate.ts';
import { issueCertifiedCopy } from '../archive/certified-copy.ts';
import { downloadDocument, viewDocument } from '../archive/documents.ts';
import { readSearchInput, searchArchive } from '../archive/search.ts';
import { selectionReport } from '../archive/selection.ts';
import { requireRole } from '../http/auth.ts';
import { sendFile } from '../http/send-file.ts';

/** The archive for clerks and admins: search, a document's text, its file, the selection report. Citizens get 403. */
export function archiveRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/archive/search', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    res.json(await searchArchive(ctx.db, user, readSearchInput(req.query), ctx.engine.clock.now()));
  });

  r.get('/archive/documents/:documentId', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const doc = await viewDocument(ctx.db, user, req.params.documentId, req.query.reason, ctx.engine.clock.now());
    const { storageKey, ...shown } = doc;
    res.json({ ...shown, hasFile: storageKey !== null });
  });

  r.get('/archive/documents/:documentId/file', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const { doc, body } = await downloadDocument(ctx.db, ctx.files.archive, user, req.params.documentId, req.query.reason, ctx.engine.clock.now());
    sendFile(res, body, { name: doc.fileName, mediaType: doc.mediaType });
  });

  r.post('/archive/documents/:documentId/attach', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const body = (req.body ?? {}) as Record<string, unknown>;
    res.status(201).json(await attachArchivedDocument(ctx, user, req.params.documentId, { requestId: body.requestId, number: body.registrationNumber, reason: body.reason }, ctx.engine.clock.now()));
  });

  r.post('/archive/documents/:documentId/certified-copy', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const copy = await issueCertifiedCopy(ctx, user, req.params.documentId, { requestId: body.requestId, number: body.registrationNumber, reason: body.reason }, ctx.engine.clock.now());
    res.status(201).json({ requestId: copy.requestId, documentId: copy.id, registrationNumber: copy.registrationNumber, sha256: copy.sha256, verificationCode: copy.verificationCode });
  });

  r.get('/archive/selection', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    res.json(await selectionReport(ctx.db, user, { department: req.query.department, limit: req.query.limit }, ctx.engine.clock.now()));
  });

  return r;
}
