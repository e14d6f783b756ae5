import { connect, type Socket } from 'node:net';

export interface Answer { status: number; body: string }

/**
 * A bare HTTP/1.1 client for the benches' load threads: one kept-alive socket, one request at a
 * time. node:http's own work per request, and fetch's (~1 ms of CPU), is CPU that the server
 * measured on the same two cores would not get; a citizen's browser or a provider's servers do
 * not run on the server's machine.
 */
export class Connection {
  private readonly socket: Socket;
  private received: Buffer = Buffer.alloc(0);
  private waiting?: { resolve: (answer: Answer) => void; reject: (err: Error) => void };

  constructor(private readonly target: URL) {
    this.socket = connect(Number(target.port), target.hostname).setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', (err) => this.waiting?.reject(err));
    this.socket.on('close', () => this.waiting?.reject(new Error('the server closed the connection')));
  }

  post(path: string, headers: Record<string, string>, body: string): Promise<Answer> {
    const head = Object.entries({ host: this.target.host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`).join('');
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n${body}`);
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
    waiting.resolve({ status: Number(head.slice(9, 12)), body });
  }
}
