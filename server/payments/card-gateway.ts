import { AppError } from '../../engine/index.ts';
import type { PaymentSettings } from './payment-settings.ts';
import type { PaymentProvider, ProviderOutcome } from './provider.ts';
import { SIGNATURE_HEADER, signBody, verifySignature } from './signature.ts';

/**
 * A card gateway of the hosted-page + signed-notification kind (an acquiring bank's, or the
 * simulator in development and tests). Requests to it and everything it says back (answers and
 * notifications) carry the signature of signature.ts; an unsigned or stale answer is refused like
 * a forged notification.
 */
export function cardGateway(settings: PaymentSettings): PaymentProvider {
  // Signatures are about wall-clock time, never the engine's clock (which a demo may set to another day).
  const clock = { now: () => new Date() };
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const text = body === undefined ? '' : JSON.stringify(body);
    let res: Response;
    try {
      res = await fetch(`${settings.gatewayUrl}${path}`, {
        method, signal: AbortSignal.timeout(10_000),
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(settings.secret, `${method} ${path} ${text}`, clock.now()) },
        ...(body === undefined ? {} : { body: text }),
      });
    } catch (err) {
      throw new AppError('internal', 'The payment gateway did not answer', { cause: err });
    }
    const raw = Buffer.from(await res.arrayBuffer());
    if (res.status === 404) return undefined;
    verifySignature(settings.secret, raw, res.headers.get(SIGNATURE_HEADER) ?? undefined, clock.now(), settings.replayWindowMs);
    if (!res.ok) throw new AppError('internal', `The payment gateway answered ${res.status}: ${raw.toString('utf8').slice(0, 200)}`);
    return JSON.parse(raw.toString('utf8'));
  };
  return {
    id: 'card',
    async startPayment(order) {
      const answer = await call('POST', '/api/payments', { merchant: settings.merchantId, ...order }) as { paymentId: string; redirectUrl: string };
      return { providerPaymentId: String(answer.paymentId), redirectUrl: String(answer.redirectUrl) };
    },
    verifyNotification(rawBody, headers, now) {
      verifySignature(settings.secret, rawBody, headers[SIGNATURE_HEADER], now, settings.replayWindowMs);
      return readOutcome(JSON.parse(rawBody.toString('utf8')));
    },
    async queryStatus(reference) {
      const answer = await call('GET', `/api/payments/by-reference/${encodeURIComponent(reference)}`);
      return answer === undefined ? undefined : readOutcome(answer);
    },
    async refund(request) {
      const answer = await call('POST', '/api/refunds', request) as { refundId: string };
      return { refundId: String(answer.refundId) };
    },
  };
}

/** A signed message still has to have the shape of an outcome. */
function readOutcome(value: unknown): ProviderOutcome {
  const v = (value ?? {}) as Record<string, unknown>;
  const status = v.status === 'paid' || v.status === 'declined' || v.status === 'pending' ? v.status : undefined;
  if (typeof v.reference !== 'string' || typeof v.paymentId !== 'string' || !status || !Number.isSafeInteger(v.amountBani) || typeof v.currency !== 'string') {
    throw new AppError('bad-input', 'The payment notification does not have the expected fields');
  }
  return { reference: v.reference, providerPaymentId: v.paymentId, status, amountBani: v.amountBani as number, currency: v.currency, ...(typeof v.eventId === 'string' ? { eventId: v.eventId } : {}) };
}
