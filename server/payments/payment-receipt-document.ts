import { readFileSync } from 'node:fs';
import { toAppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { prepareFromTemplate, registerDocument, renderPdfInBackground, type IssuedDocument } from '../documents/issue-document.ts';
import { findRequest } from '../requests/request-view.ts';
import { findOrder, lockOrder, ordersAwaitingReceipt, paymentHistory, setReceiptDocument } from './payment-store.ts';
import { lei } from './money.ts';

const TEMPLATE = readFileSync(new URL('./payment-receipt-document.hbs', import.meta.url), 'utf8');
/** The documents' `kind` of a payment receipt. */
export const RECEIPT_KIND = 'dovada-platii';

/**
 * Issues a paid order's receipt as a registered document of its request (outgoing number,
 * verification code, PDF like any answer), once: rendered before the transaction, and registered
 * in it only if the order, locked, still names none. Called after the payment commits, and for
 * any paid order still without one (a process that stopped in between).
 */
export async function issuePaymentReceipt(ctx: AppContext, reference: string): Promise<IssuedDocument | undefined> {
  const order = await findOrder(ctx.db, reference);
  if (!order?.requestId || order.receiptDocumentId || (order.status !== 'paid' && order.status !== 'refunded')) return undefined;
  const request = await findRequest(ctx, order.requestId);
  if (!request) return undefined;
  const paid = (await paymentHistory(ctx.db, order.id)).find((e) => e.kind === 'paid');
  const en = request.lang === 'en';
  const prepared = prepareFromTemplate(ctx, {
    request,
    templateName: RECEIPT_KIND,
    template: TEMPLATE,
    title: en ? `Payment receipt for request no. ${request.registrationNumber}` : `Dovada plății pentru cererea nr. ${request.registrationNumber}`,
    data: {
      en, amount: lei(order.paidBani), description: order.description, payer: order.payerName, reference: order.reference,
      paidAt: (paid?.at ?? order.updatedAt).toISOString(), counterReceipt: order.counterReceipt, providerPaymentId: order.providerPaymentId,
    },
  });
  const issued = await ctx.db.transaction(async (tx) => {
    const locked = await lockOrder(tx, reference);
    if (!locked || locked.receiptDocumentId) return undefined;
    const doc = await registerDocument(ctx, tx, prepared);
    await setReceiptDocument(tx, locked.id, doc.id);
    return doc;
  });
  if (issued) renderPdfInBackground(ctx, issued.id);
  return issued;
}

/** After the commit that paid an order: its receipt is issued off the notification's path. */
export function issueReceiptInBackground(ctx: AppContext, reference: string): void {
  const work = issuePaymentReceipt(ctx, reference)
    .catch((err) => ctx.log(`receipt of payment ${reference}: ${toAppError(err).message}; it is issued at the next poll`))
    .finally(() => ctx.background.delete(work));
  ctx.background.add(work);
}

/** Receipts of paid orders still without one, oldest first; returns how many were issued. */
export async function issueAwaitingReceipts(ctx: AppContext, limit = 100): Promise<number> {
  let issued = 0;
  for (const reference of await ordersAwaitingReceipt(ctx.db, limit)) {
    try {
      if (await issuePaymentReceipt(ctx, reference)) issued++;
    } catch (err) {
      ctx.log(`receipt of payment ${reference}: ${toAppError(err).message}`);
    }
  }
  return issued;
}
