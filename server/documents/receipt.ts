import { readFileSync } from 'node:fs';
import { AppError } from '../../engine/index.ts';
import type { User } from '../auth/user.ts';
import type { AppContext } from '../context.ts';
import { requireVisibleRequest, viewRequest } from '../requests/request-view.ts';
import { renderDocument } from './render-document.ts';

const RECEIPT = readFileSync(new URL('./receipt.hbs', import.meta.url), 'utf8');

/**
 * The receipt: the registration confirmed, for whoever may see the request, as HTML or PDF
 * (rendered on demand, never stored; no secret code in it).
 */
export async function renderReceipt(ctx: AppContext, user: User, requestId: string, format: 'html' | 'pdf'): Promise<{ html: string } | { pdf: Buffer; fileName: string }> {
  const view = await viewRequest(ctx, await requireVisibleRequest(ctx, user, requestId));
  const data = {
    registrationNumber: view.registrationNumber, submittedAt: view.submittedAt, procedure: view.procedureTitle.ro,
    dueDate: view.clock?.due ?? null, legalTerm: view.clock?.term.source ?? null, statusUrl: `${ctx.config.publicUrl}/status`,
    applicant: user.role === 'citizen' ? user.name : String(view.data.nume ?? ''),
  };
  const doc = await renderDocument(RECEIPT, data, { title: 'Recipisă de înregistrare', lang: 'ro', institution: ctx.config.institution, registrationNumber: view.registrationNumber }, format === 'pdf' ? ctx.pdf : undefined);
  if (format === 'html') return { html: doc.html };
  if (!doc.pdf) throw new AppError('not-found', { ro: 'PDF-ul nu este disponibil pe acest server; folosiți varianta HTML.', en: 'PDF is not available on this server; use the HTML version.' });
  return { pdf: doc.pdf, fileName: `recipisa-${view.registrationNumber.replace(/[^0-9A-Za-z.-]+/g, '-')}.pdf` };
}
