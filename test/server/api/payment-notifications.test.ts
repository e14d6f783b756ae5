import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { expect } from 'chai';
import { createApp } from '../../../server/app.ts';
import type { AppContext } from '../../../server/context.ts';
import { createPaymentOrder } from '../../../server/payments/payment-orders.ts';
import { SIGNATURE_HEADER, signBody } from '../../../server/payments/signature.ts';
import { useTestDatabase } from '../../support/database.ts';
import { paymentContext } from '../payments/payment-context.ts';

const SECRET = 'secret-of-the-notification-endpoint';
const METRICS_TOKEN = 'metrics-token-of-the-notification-endpoint';

/**
 * POST /api/v1/payments/notifications/:provider is answered outside express (by the front door
 * of the app's listen); it must answer as the rest of the API does: a request id, coded JSON
 * errors, safe headers, a body limit, its latency metric.
 */
describe('the payment notification endpoint', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let ctx: AppContext;
  let engine: Awaited<ReturnType<typeof paymentContext>>['engine'];
  let logged: string[];
  const servers: Server[] = [];

  beforeEach(async () => {
    ({ ctx, engine, logged } = await paymentContext(t.db, { settings: { secret: SECRET } }));
    (ctx.config as { metricsToken?: string }).metricsToken = METRICS_TOKEN;
  });
  afterEach(async () => { await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve)))); });

  const address = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const listen = async (server: Server) => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return address(server);
  };
  /** The app's own listen, as `npm start` serves it. */
  const frontDoor = async () => {
    const server = createApp(ctx).listen(0, '127.0.0.1');
    servers.push(server);
    await once(server, 'listening');
    return address(server);
  };
  const notice = (reference: string, overrides: Record<string, unknown> = {}) =>
    JSON.stringify({ eventId: randomUUID(), reference, paymentId: `p-${reference}`, status: 'paid', amountBani: 1500, currency: 'RON', ...overrides });
  const post = (base: string, body: string, headers: Record<string, string> = {}, provider = 'card') =>
    fetch(`${base}/api/v1/payments/notifications/${provider}`, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(SECRET, body, new Date()), ...headers }, body });
  const order = async () => {
    const { id } = await engine.start('asteapta-plata');
    return createPaymentOrder(ctx, { sourceKey: randomUUID(), instanceId: id, payerName: 'Ion Popescu', description: 'Taxă', amountBani: 1500, deadlineMs: 600_000 });
  };

  it('confirms a signed notification once and answers JSON with the request id and an answer\'s safe headers', async () => {
    // given
    const base = await frontDoor();
    const { reference } = await order();
    // when the same notification arrives twice
    const first = await post(base, notice(reference), { 'x-request-id': 'provider-42' });
    const second = await post(base, notice(reference));
    // then
    expect(first.status).to.equal(200);
    expect(await first.json()).to.deep.equal({ reference, status: 'paid', applied: true });
    expect(await second.json()).to.deep.equal({ reference, status: 'paid', applied: false });
    expect(first.headers.get('x-request-id')).to.equal('provider-42');
    expect(first.headers.get('content-type')).to.equal('application/json; charset=utf-8');
    expect(first.headers.get('content-security-policy')).to.equal("default-src 'none'; frame-ancestors 'none'");
    expect(first.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(first.headers.get('cache-control')).to.equal('no-store');
  });

  it('refuses a forged signature with the API\'s coded error in the caller\'s language, its request id, and a log line', async () => {
    const base = await frontDoor();
    const { reference } = await order();
    const res = await post(base, notice(reference), { [SIGNATURE_HEADER]: signBody('another secret', notice(reference), new Date()), 'accept-language': 'en' });
    expect(res.status).to.equal(400);
    const body = await res.json() as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).to.equal('payment-signature-invalid');
    expect(body.error.message).to.equal('The payment notification was refused: wrong signature.');
    expect(body.error.requestId).to.equal(res.headers.get('x-request-id'));
    expect(logged.some((line) => line.startsWith('payment notification refused (payment-signature-invalid) from 127.0.0.1'))).to.equal(true);
  });

  it('answers in English when ?lang=en asks for it, as the rest of the API does', async () => {
    const base = await frontDoor();
    const body = notice('x');
    const res = await fetch(`${base}/api/v1/payments/notifications/card?lang=en`, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody('another secret', body, new Date()) }, body });
    expect(res.status).to.equal(400);
    expect((await res.json() as { error: { message: string } }).error.message).to.equal('The payment notification was refused: wrong signature.');
  });

  it('refuses a body over 64 KB with 413, and a provider it does not have with 404', async () => {
    const base = await frontDoor();
    const big = await post(base, notice('x', { padding: 'x'.repeat(70_000) }));
    expect(big.status).to.equal(413);
    expect((await big.json() as { error: { code: string } }).error.code).to.equal('too-large');
    const unknown = await post(base, notice('x'), {}, 'bitcoin');
    expect(unknown.status).to.equal(404);
    expect((await unknown.json() as { error: { code: string } }).error.code).to.equal('not-found');
  });

  it('leaves other methods on its path to the API, which has no such endpoint', async () => {
    const base = await frontDoor();
    const res = await fetch(`${base}/api/v1/payments/notifications/card`);
    expect(res.status).to.equal(404);
    expect((await res.json() as { error: { code: string } }).error.code).to.equal('not-found');
  });

  it('times notifications under the route pattern, never the provider\'s name in the URL alone', async () => {
    const base = await frontDoor();
    await post(base, notice('unknown-reference'));
    await post(base, notice('x'), {}, 'bitcoin');
    const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(text).to.match(/^dosar_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/payments\/notifications\/:provider",status="2xx"\} 1$/m);
    expect(text).to.match(/^dosar_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/payments\/notifications\/:provider",status="4xx"\} 1$/m);
    expect(text).not.to.include('bitcoin');
  });

  it('answers the same through the app when a server is built on it directly', async () => {
    const base = await listen(createServer(createApp(ctx)));
    const { reference } = await order();
    const forged = await post(base, notice(reference), { [SIGNATURE_HEADER]: 't=1,v1=' + '0'.repeat(64) });
    expect(forged.status).to.equal(400);
    expect((await forged.json() as { error: { code: string } }).error.code).to.equal('payment-signature-invalid');
    const paid = await post(base, notice(reference), { 'x-request-id': 'provider-43' });
    expect(await paid.json()).to.deep.equal({ reference, status: 'paid', applied: true });
    expect(paid.headers.get('x-request-id')).to.equal('provider-43');
    expect(paid.headers.get('x-content-type-options')).to.equal('nosniff');
  });
});
