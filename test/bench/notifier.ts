import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { SIGNATURE_HEADER, signBody } from '../../server/payments/signature.ts';

/**
 * The payment provider of the payments bench, in a thread of its own: it sends signed `paid`
 * notifications for the orders it was given, `clients` at a time, for as long as each slice asks,
 * so the server's event loop does not also run the load (as a provider's servers do not).
 */
const { url, secret, clients, orders } = workerData as { url: string; secret: string; clients: number; orders: string[] };

// node:http with kept-alive connections, not fetch: fetch's own work per request was about 1 ms of
// CPU, more than the server's, and on two cores the provider's load would slow the server it measures.
const agent = new Agent({ keepAlive: true, maxSockets: clients });

async function confirm(reference: string): Promise<void> {
  const body = JSON.stringify({ eventId: randomUUID(), reference, paymentId: `p-${reference}`, status: 'paid', amountBani: 1500, currency: 'RON' });
  const answer = await new Promise<string>((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [SIGNATURE_HEADER]: signBody(secret, body, new Date()) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => resolve(text)).on('error', reject);
    });
    req.on('error', reject).end(body);
  });
  if (!(JSON.parse(answer) as { applied?: boolean }).applied) throw new Error(`a confirmation was not applied: ${answer}`);
}

parentPort!.on('message', async ({ ms }: { ms: number }) => {
  let done = 0;
  const deadline = Date.now() + ms;
  const t0 = performance.now();
  try {
    await Promise.all(Array.from({ length: clients }, async () => {
      while (Date.now() < deadline && orders.length > 0) {
        await confirm(orders.pop()!);
        done += 1;
      }
    }));
    parentPort!.postMessage({ done, ms: performance.now() - t0 });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).message });
  }
});
