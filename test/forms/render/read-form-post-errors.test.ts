import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { AppError } from '../../../engine/index.ts';
import { readFormPost } from '../../../forms/render/read-form-post.ts';

/** Posts raw bytes to a server whose only work is readFormPost; answers what the reader did. */
async function readThrough(contentType: string, body: string): Promise<{ outcome: string; code?: string }> {
  let settled!: (value: { outcome: string; code?: string }) => void;
  const result = new Promise<{ outcome: string; code?: string }>((resolve) => { settled = resolve; });
  const server: Server = createServer((req, res) => {
    readFormPost(req).then(
      (post) => settled({ outcome: `read ${Object.keys(post.fields).length} fields` }),
      (err: unknown) => settled({ outcome: err instanceof AppError ? 'refused' : `threw ${(err as Error).message}`, ...(err instanceof AppError ? { code: err.code } : {}) }),
    ).finally(() => { req.resume(); res.end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const req = request({ host: '127.0.0.1', port, method: 'POST', headers: { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) } });
  req.on('error', () => undefined);
  req.end(body);
  try {
    return await result;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('readFormPost', () => {
  describe('when the post cannot be read', () => {
    it('refuses a post cut short inside a file with bad-input (and the process lives on)', async () => {
      const cut = '--zz\r\nContent-Disposition: form-data; name="anexe"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 abc';
      expect(await readThrough('multipart/form-data; boundary=zz', cut)).to.deep.equal({ outcome: 'refused', code: 'bad-input' });
    });

    it('refuses a multipart post without a boundary with bad-input', async () => {
      expect(await readThrough('multipart/form-data', 'x')).to.deep.equal({ outcome: 'refused', code: 'bad-input' });
    });
  });

  describe('when the post is whole', () => {
    it('does not refuse it', async () => {
      const whole = '--zz\r\nContent-Disposition: form-data; name="nume"\r\n\r\nMaria\r\n--zz--\r\n';
      expect(await readThrough('multipart/form-data; boundary=zz', whole)).to.deep.equal({ outcome: 'read 1 fields' });
    });
  });
});
