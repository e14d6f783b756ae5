import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SIGNATURE_HEADER, signBody, verifySignature } from '../signature.ts';
import { challengePage, hostedPage, resultPage } from './hosted-page.ts';

/**
 * A card gateway for development and tests, speaking the protocol of card-gateway.ts over real
 * HTTP on loopback: a hosted card page (test cards choose success, decline, a 3-D Secure challenge
 * or a timeout), signed notifications to the merchant, a status query and refunds. The delivery
 * mode makes notifications late, doubled, out of order or never sent, so the server's duplicates,
 * races and poller are exercised for real.
 */
export type DeliveryMode = 'normal' | 'late' | 'twice' | 'out-of-order' | 'never';

interface SimPayment {
  id: string; reference: string; amountBani: number; currency: string; description: string; returnUrl: string; notifyUrl: string;
  status: 'pending' | 'paid' | 'declined';
}

export const TEST_CARDS = { success: '4111111111111111', decline: '4000000000000002', challenge: '4000000000003220', timeout: '4000000000000119' } as const;
const CHALLENGE_CODE = '123456';

export interface SimulatorOptions { secret: string; port?: number; host?: string; mode?: DeliveryMode; lateMs?: number; log?: (m: string) => void }

export async function startSimulator(options: SimulatorOptions): Promise<{ url: string; close(): Promise<void> }> {
  const payments = new Map<string, SimPayment>();
  const latest = new Map<string, string>();
  const refunds = new Map<string, { refundId: string; amountBani: number }>();
  const held: Array<() => Promise<void>> = [];
  let mode: DeliveryMode = options.mode ?? 'normal';
  let lateMs = options.lateMs ?? 3000;
  const log = options.log ?? (() => undefined);
  const app = express();
  app.disable('x-powered-by');

  const signed = (res: express.Response, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.status(status).set('content-type', 'application/json').set(SIGNATURE_HEADER, signBody(options.secret, text, new Date())).send(text);
  };
  // Merchant calls are signed over "<METHOD> <path> <body>", so neither can be swapped.
  const merchant = (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      verifySignature(options.secret, Buffer.from(`${req.method} ${req.originalUrl} ${(req.body as Buffer | undefined)?.length ? (req.body as Buffer).toString('utf8') : ''}`), req.headers[SIGNATURE_HEADER], new Date(), 300_000);
      next();
    } catch {
      signed(res, 401, { error: 'bad signature' });
    }
  };
  const json = (req: express.Request) => JSON.parse((req.body as Buffer).toString('utf8')) as Record<string, unknown>;

  const send = async (p: SimPayment) => {
    const body = JSON.stringify({ eventId: randomUUID(), reference: p.reference, paymentId: p.id, status: p.status, amountBani: p.amountBani, currency: p.currency, at: new Date().toISOString() });
    try {
      const res = await fetch(p.notifyUrl, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(options.secret, body, new Date()) }, body });
      log(`notified ${p.reference} ${p.status}: ${res.status}`);
    } catch (err) {
      log(`notify ${p.reference} failed: ${(err as Error).message}`);
    }
  };
  const notify = (p: SimPayment) => {
    if (mode === 'never') return;
    if (mode === 'late') { setTimeout(() => void send(p), lateMs).unref(); return; }
    if (mode === 'twice') { void send(p).then(() => send(p)); return; }
    if (mode === 'out-of-order') {
      // The first is held until the next is sent: the later attempt's news arrives first.
      if (held.length === 0) { held.push(() => send(p)); return; }
      const previous = held.splice(0);
      void send(p).then(async () => { for (const f of previous) await f(); });
      return;
    }
    void send(p);
  };

  app.use(express.raw({ type: () => true, limit: '64kb' }));
  app.post('/api/payments', merchant, (req, res) => {
    const b = json(req);
    const p: SimPayment = { id: `sim_${randomUUID()}`, reference: String(b.reference), amountBani: Number(b.amountBani), currency: String(b.currency), description: String(b.description), returnUrl: String(b.returnUrl), notifyUrl: String(b.notifyUrl), status: 'pending' };
    payments.set(p.id, p);
    latest.set(p.reference, p.id);
    signed(res, 201, { paymentId: p.id, redirectUrl: `${url}/pay/${p.id}` });
  });
  app.get('/api/payments/by-reference/:reference', merchant, (req, res) => {
    const p = payments.get(latest.get(String(req.params.reference)) ?? '');
    if (!p) { signed(res, 404, { error: 'unknown reference' }); return; }
    signed(res, 200, { reference: p.reference, paymentId: p.id, status: p.status, amountBani: p.amountBani, currency: p.currency });
  });
  app.post('/api/refunds', merchant, (req, res) => {
    const b = json(req);
    const key = String(b.refundKey);
    const done = refunds.get(key) ?? { refundId: `ref_${randomUUID()}`, amountBani: Number(b.amountBani) };
    refunds.set(key, done);
    signed(res, 200, done);
  });
  // Tests and developers switch the delivery mode and release held notifications.
  app.post('/control', (req, res) => {
    const b = json(req);
    if (typeof b.mode === 'string') mode = b.mode as DeliveryMode;
    if (typeof b.lateMs === 'number') lateMs = b.lateMs;
    if (b.flush) void (async () => { for (const f of held.splice(0)) await f(); })();
    res.json({ mode, lateMs, held: held.length });
  });

  const page = (req: express.Request) => payments.get(req.params.id as string);
  app.get('/pay/:id', (req, res) => {
    const p = page(req);
    if (!p) { res.status(404).send('Plată necunoscută / Unknown payment'); return; }
    res.type('html').send(p.status === 'pending' ? hostedPage(p) : resultPage(p, p.status));
  });
  app.post('/pay/:id', (req, res) => {
    const p = page(req);
    if (!p || p.status !== 'pending') { res.status(409).send('Plata s-a încheiat / The payment is over'); return; }
    const form = new URLSearchParams((req.body as Buffer).toString('utf8'));
    const card = (form.get('card') ?? '').replace(/\s+/g, '');
    if (card === TEST_CARDS.challenge && form.get('code') === null) { res.type('html').send(challengePage(p, card)); return; }
    if (card === TEST_CARDS.timeout) { res.type('html').send(resultPage(p, 'timeout')); return; }
    p.status = card === TEST_CARDS.success || (card === TEST_CARDS.challenge && form.get('code') === CHALLENGE_CODE) ? 'paid' : 'declined';
    notify(p);
    res.redirect(303, p.returnUrl);
  });

  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => { const s = app.listen(options.port ?? 0, host, () => resolve(s)); s.on('error', reject); });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}
