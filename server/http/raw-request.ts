import type { IncomingMessage } from 'node:http';
import { AppError } from '../../engine/index.ts';
import { bodyTooLarge } from './errors.ts';

/**
 * What express's request gives its routes, for requests answered on Node's own request (the front
 * doors: payment notifications, API submissions), with the same meaning.
 */

/** The raw body, refused past `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(bodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    // The client went away mid-body: nobody reads the answer, but it is not the server's fault.
    req.on('error', () => reject(new AppError('bad-input', 'The request body did not arrive whole')));
  });
}

/** As express's req.secure with `trust proxy` 1 or false. */
export function cameOverHttps(req: IncomingMessage, trustProxy: boolean | undefined): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return Boolean(trustProxy) && String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim() === 'https';
}

/** As express's req.ip with `trust proxy` 1 or false: the proxy's last X-Forwarded-For entry, or the peer. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean | undefined): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').at(-1)?.trim() : '';
  return forwarded || req.socket.remoteAddress || '';
}
