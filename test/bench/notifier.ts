import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { SIGNATURE_HEADER, signBody } from '../../server/payments/signature.ts';

/**
 * The payment provider of the payments bench, in a thread of its own: it sends signed `paid`
 * notifications for the orders it was given, `clients` at a time, for as long as each slice asks,
 * so the server's event loop does not also run the load (as a provider's servers do not).
 */
const { url, secret, clients, orders } = workerData as { url: string; secret: string; clients: number; orders: string[] };

// A bare HTTP/1.1 client on kept-alive sockets, one request at a time on each: node:http's own work
// per request (and fetch's, ~1 ms) is CPU the server measured on the same two cores does not get.
class Connection {
  private readonly socket: Socket;
  private received: Buffer = Buffer.alloc(0);
  private waiting?: { resolve: (body: string) => void; reject: (err: Error) => void };

  constructor(private readonly target: URL) {
    this.socket = connect(Number(target.port), target.hostname).setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', (err) => this.waiting?.reject(err));
    this.socket.on('close', () => this.waiting?.reject(new Error('the server closed the connection')));
  }

  post(headers: Record<string, string>, body: string): Promise<string> {
    const head = Object.entries({ host: this.target.host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`).join('');
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`POST ${this.target.pathname} HTTP/1.1\r\n${head}\r\n${body}`);
    });
  }

  private read(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const end = this.received.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.received.toString('latin1', 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
    if (!Number.isInteger(length)) return this.waiting?.reject(new Error(`an answer without Content-Length: ${head}`));
    if (this.received.length < end + 4 + length) return;
    const body = this.received.toString('utf8', end + 4, end + 4 + length);
    this.received = this.received.subarray(end + 4 + length);
    const waiting = this.waiting!;
    this.waiting = undefined;
    if (!head.startsWith('HTTP/1.1 2')) waiting.reject(new Error(`${head.split('\r\n')[0]}: ${body}`));
    else waiting.resolve(body);
  }
}

const target = new URL(url);
const connections = Array.from({ length: clients }, () => new Connection(target));

async function confirm(connection: Connection, reference: string): Promise<void> {
  const body = JSON.stringify({ eventId: randomUUID(), reference, paymentId: `p-${reference}`, status: 'paid', amountBani: 1500, currency: 'RON' });
  const answer = await connection.post({ [SIGNATURE_HEADER]: signBody(secret, body, new Date()) }, body);
  if (!(JSON.parse(answer) as { applied?: boolean }).applied) throw new Error(`a confirmation was not applied: ${answer}`);
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
