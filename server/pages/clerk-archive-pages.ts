import { Router } from 'express';
import type { Lang } from '../../forms/index.ts';
import { DOCUMENT_KINDS } from '../archive/archive-store.ts';
import { attachArchivedDocument } from '../archive/communicate.ts';
import { issueCertifiedCopy } from '../archive/certified-copy.ts';
import { downloadDocument, needsReason, requireVisibleDocument, viewDocument } from '../archive/documents.ts';
import { KIND_LABELS, TEXT_SOURCE_LABELS, retentionLabel } from '../archive/labels.ts';
import { selectionReport } from '../archive/selection.ts';
import { hasCriteria, readSearchInput, searchArchive, type SearchAnswer, type SearchInput } from '../archive/search.ts';
import type { AppContext } from '../context.ts';
import { listDepartments } from '../departments/departments-store.ts';
import { requireRole } from '../http/auth.ts';
import { previewKind } from './clerk-case-pages.ts';
import { renderPage, safe } from './view.ts';
import { sendFile } from '../http/send-file.ts';

/** The archive for clerks: search with filters and facets, a document's text page by page, its file. */
export function clerkArchivePages(ctx: AppContext): Router {
  const r = Router();

  const departmentNames = async () => new Map((await listDepartments(ctx.db)).map((d) => [d.code, d.name]));

  r.get('/lucru/arhiva', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const lang = req.lang ?? 'ro';
    const input = readSearchInput(req.query);
    const answer = hasCriteria(input) ? await searchArchive(ctx.db, user, input, ctx.engine.clock.now()) : undefined;
    const names = await departmentNames();
    const nameOf = (code: string) => names.get(code)?.[lang] ?? code;
    const departments = user.role === 'admin' ? [...names.keys()] : user.departments;
    renderPage(req, res, 'archive', {
      title: lang === 'en' ? 'Archive' : 'Arhivă',
      input, searched: !!answer,
      kinds: DOCUMENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k][lang], selected: input.filters.kind === k })),
      departments: departments.map((d) => ({ value: d, label: nameOf(d), selected: input.filters.department === d })),
      ...(answer ? resultsModel(answer, input, lang, nameOf) : {}),
    });
  });

  r.get('/lucru/arhiva/documente/:documentId', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const lang = req.lang ?? 'ro';
    const reason = typeof req.query.motiv === 'string' ? req.query.motiv : '';
    const visible = await requireVisibleDocument(ctx.db, user, req.params.documentId);
    const page = Number(req.query.pagina) || undefined;
    if (needsReason(visible) && reason.trim().length < 3) {
      renderPage(req, res, 'archive-document', { title: visible.title, doc: visible, askReason: true, page, retried: reason !== '' });
      return;
    }
    const doc = await viewDocument(ctx.db, user, visible.id, reason, ctx.engine.clock.now());
    const names = await departmentNames();
    renderPage(req, res, 'archive-document', {
      title: doc.title, doc, page, reason,
      kind: KIND_LABELS[doc.kind][lang], textSource: TEXT_SOURCE_LABELS[doc.textSource][lang],
      retention: retentionLabel(doc.dossier.retention, lang), department: names.get(doc.dossier.department)?.[lang] ?? doc.dossier.department,
      pages: doc.pages.map((p) => ({ ...p, current: p.page === page })),
      ...(doc.storageKey ? files(doc.id, reason, doc.mediaType) : {}),
    });
  });

  r.post('/lucru/arhiva/documente/:documentId/comunicare', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const body = req.body as Record<string, unknown>;
    const { requestId } = await attachArchivedDocument(ctx, user, req.params.documentId, { requestId: body.requestId, number: body.number, reason: body.motiv }, ctx.engine.clock.now());
    res.redirect(303, `/lucru/cereri/${requestId}`);
  });

  r.post('/lucru/arhiva/documente/:documentId/copie-certificata', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const body = req.body as Record<string, unknown>;
    const { requestId } = await issueCertifiedCopy(ctx, user, req.params.documentId, { requestId: body.requestId, number: body.number, reason: body.motiv }, ctx.engine.clock.now());
    res.redirect(303, `/lucru/cereri/${requestId}`);
  });

  r.get('/lucru/arhiva/selectie', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const lang = req.lang ?? 'ro';
    const report = await selectionReport(ctx.db, user, { department: req.query.department }, ctx.engine.clock.now());
    const names = await departmentNames();
    renderPage(req, res, 'archive-selection', {
      title: lang === 'en' ? 'Dossiers past their retention term' : 'Dosare cu termenul de păstrare împlinit',
      report, dossiers: report.dossiers.map((d) => ({ ...d, departmentName: names.get(d.department)?.[lang] ?? d.department, retention: retentionLabel(d.retentionYears, lang) })),
    });
  });

  r.get('/lucru/arhiva/documente/:documentId/fisier', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const { doc, body } = await downloadDocument(ctx.db, ctx.files.archive, user, req.params.documentId, req.query.motiv, ctx.engine.clock.now());
    sendFile(res, body, { name: doc.fileName, mediaType: doc.mediaType, inline: req.query.descarca !== '1' && previewKind(doc.mediaType) !== undefined });
  });

  return r;
}

/** The scan's links: shown in the page where a browser can (a picture, a PDF), and downloaded. */
function files(id: string, reason: string, mediaType: string): { fileHref: string; previewHref: string; preview: 'image' | 'pdf' | undefined } {
  const base = `/lucru/arhiva/documente/${id}/fisier?${reason ? `motiv=${encodeURIComponent(reason)}&` : ''}`;
  return { fileHref: `${base}descarca=1`, previewHref: base.slice(0, -1), preview: previewKind(mediaType) };
}

/** The search page's query string with one parameter changed (facets, pages). */
function linkWith(input: SearchInput, change: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  const all: Record<string, string | number | undefined> = { q: input.q, ...input.filters, ...change };
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== '') params.set(k, String(v));
  return `/lucru/arhiva?${params.toString()}`;
}

function resultsModel(answer: SearchAnswer, input: SearchInput, lang: Lang, nameOf: (code: string) => string) {
  const facet = <T extends string | number>(items: Array<{ value: T; count: number }>, key: string, label: (v: T) => string, current: unknown) =>
    items.map((i) => ({ label: label(i.value), count: i.count, current: current === i.value, href: linkWith(input, { [key]: current === i.value ? undefined : i.value, page: undefined }) }));
  const pages = Math.ceil(answer.total / answer.pageSize);
  return {
    total: answer.total, capped: answer.capped,
    widened: answer.terms.filter((t) => t.length > 1).map((t) => ({ word: t[0], similar: t.slice(1).join(', ') })),
    hits: answer.hits.map((h) => ({
      ...h, kindLabel: KIND_LABELS[h.kind][lang], departmentName: nameOf(h.department), snippet: safe(h.snippetHtml),
      href: `/lucru/arhiva/documente/${h.documentId}?pagina=${h.page}#p-${h.page}`,
    })),
    facets: [
      { name: lang === 'en' ? 'Year' : 'An', items: facet(answer.facets.year, 'year', String, input.filters.year) },
      { name: lang === 'en' ? 'Kind' : 'Tip', items: facet(answer.facets.kind, 'kind', (k) => KIND_LABELS[k as keyof typeof KIND_LABELS]?.[lang] ?? k, input.filters.kind) },
      { name: lang === 'en' ? 'Department' : 'Departament', items: facet(answer.facets.department, 'department', nameOf, input.filters.department) },
    ].filter((f) => f.items.length > 0),
    previous: answer.page > 1 ? linkWith(input, { page: answer.page - 1 }) : undefined,
    next: answer.page < pages ? linkWith(input, { page: answer.page + 1 }) : undefined,
    pageOf: { page: answer.page, pages },
  };
}
