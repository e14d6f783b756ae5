import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, toAppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { apiErrorAnswer } from '../http/errors.ts';
import { HSTS_HEADER } from '../http/hsts.ts';
import { askedLanguage } from '../http/language.ts';
import { cameOverHttps, clientAddress, readBody } from '../http/raw-request.ts';
import type { Ops } from '../ops/ops-routes.ts';
import { isStopping } from '../ops/readiness.ts';
import { chooseRequestId, inRequest } from '../ops/request-context.ts';
import { confirmationBatcher } from '../payments/confirmation-batcher.ts';
import { paymentsOf } from '../payments/payments.ts';

export const PAYMENT_NOTIFICATION_ROUTE = '/api/v1/payments/notifications/:provider';
const PATH = /^\/api\/v1\/payments\/notifications\/([A-Za-z0-9_-]{1,40})(?:\?|$)/;
const MAX_BODY_BYTES = 64 * 1024;

/** A JSON answer to a machine: nothing in it may run, be framed, be sniffed as another type or be cached. */
const MACHINE_ANSWER_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Answers a notification. Called from express, `routed` gives what its router and middleware found
 * (the provider in the path, the request id already assigned; the request is timed there already).
 */
export type NotificationEndpoint = ((req: IncomingMessage, res: ServerResponse, routed?: { provider: string; requestId: string }) => void) & { answers: (req: IncomingMessage) => boolean };

/**
 * A payment provider's server-to-server notifications (POST PAYMENT_NOTIFICATION_ROUTE). Anyone may
 * call it; what authenticates the caller is the signature over the raw body, verified before
 * anything in the body is read. Every refusal is logged for the finance department.
 *
 * Answered on Node's own request and response, not through express: these come many at a time from
 * a machine, and express's per-request work (its request and response objects, body parser, JSON
 * sender) was a third of a confirmation's CPU in the server (payments bench). What express's
 * middleware gives the other routes is done here too: the request id (header, log lines, error
 * bodies), the latency metric, HSTS, Connection: close while stopping, coded JSON errors.
 */
export function paymentNotificationEndpoint(ctx: AppContext, ops: Ops): NotificationEndpoint {
  // Notifications arriving together share one transaction (server/payments/confirmation-batcher.ts).
  const confirm = confirmationBatcher(ctx);
  const https = ctx.config.publicUrl.startsWith('https:');

  const answer = async (req: IncomingMessage, provider: string): Promise<unknown> => {
    const gateway = paymentsOf(ctx).providers.get(provider);
    if (!gateway) throw new AppError('not-found', 'No such payment provider');
    const raw = await readBody(req, MAX_BODY_BYTES);
    try {
      const outcome = gateway.verifyNotification(raw, req.headers, new Date());
      const confirmed = await confirm(outcome);
      if (!confirmed) {
        // Signed by the provider but for no order of ours: acknowledged (a retry would not help) and logged.
        ctx.log(`payment notification for the unknown reference ${outcome.reference.slice(0, 64)}: ignored`);
        return { reference: outcome.reference, status: null, applied: false };
      }
      return { reference: confirmed.order.reference, status: confirmed.order.status, applied: confirmed.applied };
    } catch (err) {
      const error = toAppError(err);
      if (error.code !== 'internal') ctx.log(`payment notification refused (${error.code}) from ${clientAddress(req, ctx.config.trustProxy)}: ${error.message}`);
      throw error;
    }
  };

  const endpoint = (req: IncomingMessage, res: ServerResponse, routed?: { provider: string; requestId: string }): void => {
    const requestId = routed?.requestId ?? chooseRequestId(req.headers['x-request-id']);
    const provider = routed?.provider ?? PATH.exec(req.url ?? '')?.[1] ?? '';
    if (!routed) ops.time('POST', PAYMENT_NOTIFICATION_ROUTE, res);
    const send = (status: number, body: string) => {
      res.writeHead(status, {
        ...MACHINE_ANSWER_HEADERS,
        'Content-Length': Buffer.byteLength(body),
        'X-Request-Id': requestId,
        ...(https && cameOverHttps(req, ctx.config.trustProxy) ? { 'Strict-Transport-Security': HSTS_HEADER } : {}),
        ...(isStopping() ? { Connection: 'close' } : {}),
      });
      res.end(body);
    };
    inRequest(requestId, () => answer(req, provider))
      .then((body) => send(200, JSON.stringify(body)))
      .catch((err: unknown) => {
        const lang = askedLanguage(new URLSearchParams((req.url ?? '').split('?')[1]).get('lang') ?? req.headers['accept-language']) ?? 'ro';
        const { status, body } = apiErrorAnswer(err, lang, requestId, ctx.log);
        if (status === 413) res.setHeader('Connection', 'close');
        send(status, body);
      });
  };
  return Object.assign(endpoint, { answers: (req: IncomingMessage) => req.method === 'POST' && PATH.test(req.url ?? '') });
}
