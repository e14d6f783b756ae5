import { parentPort, workerData } from 'node:worker_threads';
import { Connection } from './lean-http.ts';

/**
 * The citizens of the server bench, in a thread of their own: each client POSTs the same JSON
 * body with its own bearer token on its own kept-alive connection, for as long as (and as many
 * times as) each round asks, and counts the answers that are not 201.
 */
const { url, tokens, body } = workerData as { url: string; tokens: string[]; body: string };
const target = new URL(url);
const connections = tokens.map((token) => ({ token, connection: new Connection(target) }));

parentPort!.on('message', async ({ ms, budget }: { ms: number; budget: number }) => {
  let count = 0;
  let failures = 0;
  let firstFailure = '';
  const deadline = Date.now() + ms;
  const t0 = performance.now();
  try {
    await Promise.all(connections.map(async ({ token, connection }) => {
      while (Date.now() < deadline && count < budget) {
        count += 1;
        const answer = await connection.post(target.pathname, { authorization: `Bearer ${token}` }, body);
        if (answer.status !== 201) {
          failures += 1;
          firstFailure ||= `${answer.status} ${answer.body.slice(0, 200)}`;
        }
      }
    }));
    parentPort!.postMessage({ count, ms: performance.now() - t0, failures, firstFailure });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).message });
  }
});
