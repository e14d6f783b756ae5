import express, { Router } from 'express';
import { AppError, toAppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { confirmationBatcher } from '../payments/confirmation-batcher.ts';
import { paymentsOf } from '../payments/payments.ts';

/**
 * A payment provider's server-to-server notifications. Anyone may call it; what authenticates the
 * caller is the signature over the raw body (read here as bytes, before any parser): the provider
 * verifies it before anything in the body is read. Every refusal is logged for the finance department.
 */
export function paymentNotificationRoutes(ctx: AppContext): Router {
  const r = Router();
  // Notifications arriving together share one transaction (server/payments/confirmation-batcher.ts).
  const confirm = confirmationBatcher(ctx);
  r.post('/payments/notifications/:provider', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const provider = paymentsOf(ctx).providers.get(req.params.provider as string);
    if (!provider) throw new AppError('not-found', 'No such payment provider');
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const outcome = provider.verifyNotification(raw, req.headers, new Date());
      const confirmed = await confirm(outcome);
      if (!confirmed) {
        // Signed by the provider but for no order of ours: acknowledged (a retry would not help) and logged.
        ctx.log(`payment notification for the unknown reference ${outcome.reference.slice(0, 64)}: ignored`);
        res.json({ reference: outcome.reference, status: null, applied: false });
        return;
      }
      res.json({ reference: confirmed.order.reference, status: confirmed.order.status, applied: confirmed.applied });
    } catch (err) {
      const error = toAppError(err);
      if (error.code !== 'internal') ctx.log(`payment notification refused (${error.code}) from ${req.ip}: ${error.message}`);
      throw error;
    }
  });
  return r;
}
