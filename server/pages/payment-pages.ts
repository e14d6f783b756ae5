import { Router } from 'express';
import { AppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { requireRole, requireUser } from '../http/auth.ts';
import { askProvider, startAttempt } from '../payments/payment-attempts.ts';
import { confirmAtCounter } from '../payments/payment-orders.ts';
import { refundOrder } from '../payments/payment-refunds.ts';
import { paymentsOf } from '../payments/payments.ts';
import { paymentHistory } from '../payments/payment-store.ts';
import { isFinanceStaff } from '../payments/finance-staff.ts';
import { baniFromLei } from '../payments/money.ts';
import { paymentList, requireClerkOrder, requireVisibleOrder, viewOrder } from '../payments/payment-view.ts';
import { renderPage } from './view.ts';

/**
 * The payment pages, citizen's and clerk's on one order: the citizen pays (or tries again) by card
 * and gets the receipt; a clerk of the request's departments sees the status and history, confirms
 * a payment made at the counter (with the receipt number) and refunds. The citizen's return from
 * the provider's page asks the provider at once, so the page shows the outcome without waiting for
 * the notification (whichever of the two comes second changes nothing).
 */
export function paymentPages(ctx: AppContext): Router {
  const r = Router();
  const field = (body: unknown, name: string) => (body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined);

  r.get('/lucru/plati', async (req, res) => {
    const user = requireRole(req, 'clerk', 'admin');
    const lang = req.lang ?? 'ro';
    renderPage(req, res, 'payments', { title: lang === 'en' ? 'Payments' : 'Plăți', reconciles: isFinanceStaff(user), ...await paymentList(ctx, user, req.query.status, lang) });
  });

  r.get('/plati/:reference', async (req, res) => {
    const user = requireUser(req);
    const lang = req.lang ?? 'ro';
    const { order, ownerId } = await requireVisibleOrder(ctx, user, req.params.reference);
    const view = await viewOrder(ctx, order, lang);
    const isOwner = ownerId === user.id;
    const clerk = user.role === 'clerk' || user.role === 'admin';
    const notice = typeof req.query.rezultat === 'string' ? req.query.rezultat : undefined;
    const canPay = isOwner && order.status === 'pending' && order.expiresAt > ctx.engine.clock.now();
    // The pay form's answer redirects to the gateway's hosted page: the page's CSP must let the form go there.
    const csp = res.getHeader('Content-Security-Policy');
    if (canPay && typeof csp === 'string') res.setHeader('Content-Security-Policy', csp.replace("form-action 'self'", `form-action 'self' ${new URL(paymentsOf(ctx).settings.gatewayUrl).origin}`));
    renderPage(req, res, 'payment', {
      title: `${lang === 'en' ? 'Payment' : 'Plata'} ${order.reference}`, order: view,
      canPay, retry: order.attempts > 0,
      canConfirm: clerk && order.status === 'pending', canRefund: clerk && order.status === 'paid' && order.paidBani > order.refundedBani,
      hasReceipt: order.status === 'paid' || order.status === 'refunded', declined: notice === 'refuzata' && order.status === 'pending',
    });
  });

  r.post('/plati/:reference/card', async (req, res) => {
    const user = requireRole(req, 'citizen');
    const { order, ownerId } = await requireVisibleOrder(ctx, user, req.params.reference);
    if (ownerId !== user.id) throw new AppError('payment-not-found', { ro: 'Ordinul de plată nu există.', en: 'The payment order does not exist.' });
    const { redirectUrl } = await startAttempt(ctx, order.reference);
    res.redirect(303, redirectUrl);
  });

  r.get('/plati/:reference/intoarcere', async (req, res) => {
    const user = requireUser(req);
    const { order } = await requireVisibleOrder(ctx, user, req.params.reference);
    const { order: after } = await askProvider(ctx, order.reference, 'return');
    // A declined attempt leaves the order pending with its attempt cleared, whether the bank's
    // notification came before this return or the question just asked: its last event says so.
    const last = (await paymentHistory(ctx.db, after.id)).at(-1);
    const declined = after.status === 'pending' && after.providerPaymentId === null && last?.kind === 'declined';
    res.redirect(303, `/plati/${encodeURIComponent(order.reference)}${declined ? '?rezultat=refuzata' : ''}`);
  });

  r.post('/plati/:reference/ghiseu', async (req, res) => {
    const user = requireUser(req);
    const order = await requireClerkOrder(ctx, user, req.params.reference);
    await confirmAtCounter(ctx, user.email, order.reference, field(req.body, 'chitanta'));
    res.redirect(303, `/plati/${encodeURIComponent(order.reference)}`);
  });

  r.post('/plati/:reference/rambursare', async (req, res) => {
    const user = requireUser(req);
    const order = await requireClerkOrder(ctx, user, req.params.reference);
    const amountBani = baniFromLei(field(req.body, 'suma'));
    // The form's token keys the refund: a double click refunds once at the provider.
    await refundOrder(ctx, { reference: order.reference, ...(amountBani !== undefined ? { amountBani } : {}), actor: user.email, key: `${order.refundedBani}`, source: 'clerk' });
    res.redirect(303, `/plati/${encodeURIComponent(order.reference)}`);
  });

  r.get('/plati/:reference/chitanta', async (req, res) => {
    const user = requireUser(req);
    const lang = req.lang ?? 'ro';
    const { order } = await requireVisibleOrder(ctx, user, req.params.reference);
    if (order.status !== 'paid' && order.status !== 'refunded') throw new AppError('conflict', { ro: 'Ordinul nu a fost plătit: nu are chitanță.', en: 'The order was not paid: it has no receipt.' });
    renderPage(req, res, 'payment-receipt', { title: lang === 'en' ? `Payment receipt ${order.reference}` : `Dovada plății ${order.reference}`, order: await viewOrder(ctx, order, lang), institution: ctx.config.institution });
  });

  return r;
}
