import { AppError, evaluateFeel, type JobHandler } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { findPackage } from '../procedures/catalogue.ts';
import { createPaymentOrder } from './payment-orders.ts';

/**
 * The payment step: a service task `dosar:handler="plata"` creates the payment order, and the
 * receive task after it waits for the message `plata` whose variable `plata.rezultat` ("paid",
 * "failed", "expired") a gateway routes on. Options (dosar:options):
 *   suma       FEEL giving the amount in bani, over the form's data and `taxe`, the procedure's fee
 *              table (procedure.json `payments.fees`, name → bani): e.g. `taxe.eliberare + (if urgent
 *              then taxe.urgenta else 0)`. Written without a leading "=": the handler evaluates it,
 *              because the fee table is the procedure's data, not the instance's.
 *   termen     ISO 8601 duration the payer has (PnD, PTnH, PTnM); default P3D. Then the order expires.
 *   descriere  what the payer sees; default the procedure's title.
 * Idempotent: the job's id is the order's source key, so a rerun finds the same order.
 */
const PAYMENT_HANDLER = 'plata';

interface PaymentStepHandler extends JobHandler { bind(ctx: AppContext): void }

export function paymentStepHandler(): PaymentStepHandler {
  let bound: AppContext | undefined;
  return {
    name: PAYMENT_HANDLER,
    description: 'Creează ordinul de plată al taxei (suma în bani, din expresia FEEL „suma” peste datele cererii și tabelul de taxe al procedurii); plata e așteptată apoi cu mesajul „plata”.',
    optionsSchema: {
      type: 'object', additionalProperties: false, required: ['suma'],
      properties: {
        suma: { type: 'string', minLength: 1, description: 'FEEL: suma în bani, peste datele cererii și „taxe”' },
        termen: { type: 'string', pattern: '^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?$', description: 'Durata ISO 8601 a termenului de plată (implicit P3D)' },
        descriere: { type: 'string', description: 'Ce vede plătitorul' },
      },
    },
    bind(ctx) { bound = ctx; },
    async run({ job, variables, options, now }) {
      if (!bound) throw new Error('The payment step runs only in a Dosar server (its context is not bound yet)');
      const ctx = bound;
      const instance = await ctx.engine.getInstance(job.instanceId);
      const pkg = await findPackage(ctx.db, instance.key, instance.version);
      const payments = (pkg?.meta.payments ?? {}) as { fees?: Record<string, number>; partialRefunds?: boolean };
      const amount = evaluateAmount(String(options.suma), { ...variables, taxe: payments.fees ?? {} }, now);
      const [request] = await ctx.db.query<{ id: string; registration_number: string; email: string | null }>(
        'select r.id, r.registration_number, u.email from requests r left join users u on u.id = r.citizen_id where r.instance_id = $1', [job.instanceId]);
      const order = await createPaymentOrder(ctx, {
        sourceKey: job.id, instanceId: job.instanceId, stepElementId: job.elementId, requestId: request?.id ?? null, registrationNumber: request?.registration_number ?? instance.businessKey ?? null,
        payerName: request?.email ?? 'Solicitant', payerEmail: request?.email ?? null,
        description: typeof options.descriere === 'string' && options.descriere ? options.descriere : (pkg?.meta.title.ro ?? instance.key),
        amountBani: amount, deadlineMs: durationMs(typeof options.termen === 'string' ? options.termen : 'P3D'), allowPartialRefund: payments.partialRefunds === true,
      });
      return { plata: { rezultat: 'pending', referinta: order.reference, sumaBani: order.amountBani } };
    },
  };
}

/** Binds the payment and refund steps of the engine's handlers to the running server (its database, settings, log). */
export function bindPaymentStep(ctx: AppContext): void {
  for (const name of [PAYMENT_HANDLER, 'rambursare-plata']) (ctx.engine.handlers.get(name) as PaymentStepHandler | undefined)?.bind?.(ctx);
}

function evaluateAmount(expression: string, variables: Record<string, unknown>, now: Date): unknown {
  try {
    return evaluateFeel(expression.replace(/^=/, ''), variables, now.toISOString());
  } catch (err) {
    throw new AppError('expression-failed', `The amount "${expression}" could not be computed: ${(err as Error).message}`, { cause: err });
  }
}

function durationMs(iso: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  const ms = m ? ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000 + Number(m[4] ?? 0) * 1000 : 0;
  if (ms <= 0) throw new AppError('bad-input', `The payment term "${iso}" is not a positive ISO 8601 duration`);
  return ms;
}
