import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { finished } from 'node:stream/promises';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { assertRole, bearerToken, bearerUser } from '../http/auth.ts';
import { apiErrorAnswer, normaliseHttpError } from '../http/errors.ts';
import { HSTS_HEADER } from '../http/hsts.ts';
import { askedLanguage } from '../http/language.ts';
import { rateLimited, type DirectLimit } from '../http/rate-limits.ts';
import { cameOverHttps, readBody } from '../http/raw-request.ts';
import { SECURITY_HEADERS } from '../http/security-headers.ts';
import { unstorableInput } from '../http/storable-input.ts';
import type { Ops } from '../ops/ops-routes.ts';
import { isStopping } from '../ops/readiness.ts';
import { chooseRequestId, inRequest } from '../ops/request-context.ts';
import { getPackage } from '../procedures/catalogue.ts';
import { submitJsonRequest } from '../requests/request-posts.ts';
import { submittedJson } from './request-routes.ts';

/** express.json's limit in app.ts ('2mb'), in bytes. */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;
const ROUTE = '/api/v1/procedures/:key/requests';
/** A key as express's router would pass it on unchanged (nothing to decode); the query as it came. */
const PATH = /^\/api\/v1\/procedures\/([A-Za-z0-9._-]{1,200})\/requests(?:\?(.*))?$/s;
const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

export type SubmissionDoor = ((req: IncomingMessage, res: ServerResponse) => void) & { answers: (req: IncomingMessage) => boolean };

/**
 * API clients' submissions — POST /api/v1/procedures/:key/requests with a bearer token and a JSON
 * body of a declared length — answered on Node's own request and response, as payment
 * notifications are (payment-routes.ts). express's per-request work (its request and response
 * objects, the router's walk past every layer, body parser, JSON sender) was a third of a
 * submission's time on the server's thread (server bench: ~320 µs of ~1,000). Anything else on the
 * route (a browser's session, a form post with files, another charset or encoding, a chunked
 * body) goes through express as before.
 *
 * The door does what express's stack does for this route, in its order, with the same functions:
 * request id, latency metric, helmet's headers, HSTS, Connection: close while stopping; the caller's
 * token and the procedure looked up at once; the submissions' rate limit (same counter and
 * headers); the body as express.json reads it (2 MB, strict, a BOM dropped, empty as {}); text
 * PostgreSQL cannot store refused; then the route's own checks and work (`submitJsonRequest`), and
 * errors as apiErrorHandler answers them.
 */
export function submissionDoor(ctx: AppContext, ops: Ops, hit: DirectLimit): SubmissionDoor {
  const https = ctx.config.publicUrl.startsWith('https:');
  const trustProxy = ctx.config.trustProxy;

  const door = (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = chooseRequestId(req.headers['x-request-id']);
    ops.time('POST', ROUTE, res);
    const [, key = '', search = ''] = PATH.exec(req.url ?? '') ?? [];
    const query = parseQuery(search);
    const asked = askedLanguage(query.lang ?? req.headers['accept-language']);
    let caller: User | undefined;
    const headers: Record<string, string | number> = {
      ...SECURITY_HEADERS,
      'X-Request-Id': requestId,
      ...(https && cameOverHttps(req, trustProxy) ? { 'Strict-Transport-Security': HSTS_HEADER } : {}),
      ...(isStopping() ? { Connection: 'close' } : {}),
    };
    const send = (status: number, body: string) => {
      res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    inRequest(requestId, async () => {
      const user = bearerUser(ctx, bearerToken(req.headers.authorization) ?? '');
      const pkg = getPackage(ctx.db, key);
      // Answered below, or never when refused before.
      user.catch(() => undefined);
      pkg.catch(() => undefined);
      const limit = await hit(req, trustProxy);
      Object.assign(headers, limit.headers);
      if (limit.refused) throw rateLimited();
      const body = parseJson(await readJsonBody(req));
      const unstorable = unstorableInput(req.url ?? '', query, body, asked ?? 'ro');
      if (unstorable) throw unstorable;
      caller = await user;
      const citizen = assertRole(caller, 'citizen');
      const idempotencyKey = req.headers['idempotency-key'];
      return submitJsonRequest(ctx, body, citizen, await pkg, asked ?? citizen.lang ?? 'ro', typeof idempotencyKey === 'string' ? idempotencyKey : undefined);
    }).then(
      (submitted) => send(submitted.replayed ? 200 : 201, JSON.stringify(submittedJson(submitted))),
      (err: unknown) => {
        const { status, body } = apiErrorAnswer(err, asked ?? caller?.lang ?? 'ro', requestId, ctx.log);
        // As body-parser does, a body left unread (too large, or refused before it was read) is
        // read off before the answer: a client still sending it would otherwise meet a closed
        // socket (EPIPE) instead of the answer.
        if (req.readableEnded || req.destroyed) send(status, body);
        else void finished(req).catch(() => undefined).then(() => send(status, body));
        req.resume();
      },
    );
  };

  return Object.assign(door, {
    answers: (req: IncomingMessage) => req.method === 'POST'
      && PATH.test(req.url ?? '')
      && bearerToken(req.headers.authorization) !== undefined
      && JSON_TYPE.test(req.headers['content-type'] ?? '')
      && (req.headers['content-encoding'] ?? 'identity').toLowerCase() === 'identity'
      && req.headers['transfer-encoding'] === undefined
      && /^\d+$/.test(req.headers['content-length'] ?? ''),
  });
}

/** As express.json reads a body: refused past its limit by its declared length before any is read. */
async function readJsonBody(req: IncomingMessage): Promise<string> {
  if (Number(req.headers['content-length']) > JSON_BODY_LIMIT) throw normaliseHttpError({ status: 413 });
  return (await readBody(req, JSON_BODY_LIMIT)).toString('utf8');
}

/** As body-parser's strict JSON: empty is {}, a leading BOM is dropped, and only an object or array parses. */
function parseJson(text: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.length === 0) return {};
  const first = /^[\x20\x09\x0a\x0d]*(.)/s.exec(body)?.[1];
  if (first === '{' || first === '[') {
    try {
      return JSON.parse(body);
    } catch {
      // refused below, as body-parser's parse error is
    }
  }
  throw normaliseHttpError({ status: 400, type: 'entity.parse.failed' });
}
