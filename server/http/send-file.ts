import type { Response } from 'express';
import type { Readable } from 'node:stream';

/**
 * Streams a stored file to the reader under its original name (RFC 5987, so diacritics survive),
 * as a download unless `inline`, with its type never sniffed; a read failing midway cuts the
 * connection rather than sending a truncated file as complete.
 */
export function sendFile(res: Response, body: Readable, file: { name: string; mediaType: string; inline?: boolean }): void {
  res.setHeader('Content-Disposition', `${file.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.type(file.mediaType);
  body.on('error', () => res.destroy()).pipe(res);
}
