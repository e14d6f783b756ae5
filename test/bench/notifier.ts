import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { SIGNATURE_HEADER, signBody } from '../../server/payments/signature.ts';
import { Connection } from './lean-http.ts';

/**
 * The payment provider of the payments bench, in a thread of its own: it sends signed `paid`
 * notifications for the orders it was given, `clients` at a time, for as long as each slice asks,
 * so the server's event loop does not also run the load (as a provider's servers do not).
 */
const { url, secret, clients, orders } = workerData as { url: string; secret: string; clients: number; orders: string[] };

const target = new URL(url);
const connections = Array.from({ length: clients }, () => new Connection(target));

async function confirm(connection: Connection, reference: string): Promise<void> {
  const body = JSON.stringify({ eventId: randomUUID(), reference, paymentId: `p-${reference}`, status: 'paid', amountBani: 1500, currency: 'RON' });
  const answer = await connection.post(target.pathname, { [SIGNATURE_HEADER]: signBody(secret, body, new Date()) }, body);
  if (answer.status !== 200 || !(JSON.parse(answer.body) as { applied?: boolean }).applied) throw new Error(`a confirmation was not applied: ${answer.status} ${answer.body}`);
}

parentPort!.on('message', async ({ ms }: { ms: number }) => {
  let done = 0;
  const deadline = Date.now() + ms;
  const t0 = performance.now();
  try {
    await Promise.all(connections.map(async (connection) => {
      while (Date.now() < deadline && orders.length > 0) {
        await confirm(connection, orders.pop()!);
        done += 1;
      }
    }));
    parentPort!.postMessage({ done, ms: performance.now() - t0 });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).message });
  }
});
