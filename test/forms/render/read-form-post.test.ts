import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { statSync, readdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'chai';
import { discardFiles } from '../../../forms/index.ts';
import { POST_LIMITS, readFormPost } from '../../../forms/render/read-form-post.ts';

const BOUNDARY = 'dosar-test-boundary';
const CHUNK = 64 * 1024;

/** A multipart post with one file of `size` bytes (a PDF by its first bytes), generated as it is read. */
function streamedPost(size: number, onChunk: (sent: number) => void = () => undefined): IncomingMessage {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="anexe"; filename="mare.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-`, 'latin1');
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`, 'latin1');
  let sent = 0;
  let started = false;
  const remaining = size - 5;
  const source = new Readable({
    read() {
      if (!started) { started = true; this.push(head); return; }
      if (sent >= remaining) { this.push(tail); this.push(null); return; }
      const n = Math.min(CHUNK, remaining - sent);
      sent += n;
      onChunk(sent);
      this.push(Buffer.alloc(n, 0x20));
    },
  });
  return Object.assign(source, { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } }) as unknown as IncomingMessage;
}

/** A real gc(), so that what is measured is what the reader holds, not garbage waiting for collection. */
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('readFormPost', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'dosar-post-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  describe('when a file is large', () => {
    it('streams it to a temporary file, hashed and sniffed, holding only a small buffer in memory', async () => {
      // given a 9 MB file and a real gc
      const gc = exposedGc();
      gc();
      const baseline = process.memoryUsage().arrayBuffers;
      let peak = 0;
      let ahead = 0;
      // when it is read, measuring every MB what stays allocated and how far reading runs ahead of the disk
      const post = await readFormPost(streamedPost(9 * 1024 * 1024, (sent) => {
        if (sent % (1024 * 1024) !== 0) return;
        gc();
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
        const onDisk = readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
        ahead = Math.max(ahead, sent - onDisk);
      }), { dir });
      // then the file is on disk, whole, and memory never held more than a small part of it
      const [file] = post.files.anexe!;
      expect(post.truncated).to.equal(undefined);
      expect(file!.size).to.equal(9 * 1024 * 1024);
      expect(file!.mediaType).to.equal('application/pdf');
      expect(file!.sha256).to.match(/^[0-9a-f]{64}$/);
      expect((await stat(file!.path)).size).to.equal(9 * 1024 * 1024);
      expect(peak, `held ${peak} bytes`).to.be.below(4.5 * 1024 * 1024); // half the file: holding it would fail
      expect(ahead, `read ${ahead} bytes ahead of the disk`).to.be.below(3 * 1024 * 1024);
      await discardFiles([file!]);
      expect(await readdir(dir)).to.deep.equal([]);
    });

    it('flags a file over the post limit while reading, and writes nothing past the limit', async () => {
      // given a file one byte over the limit
      const post = await readFormPost(streamedPost(POST_LIMITS.fileSize + 1), { dir });
      // then the post is marked for refusal and the temporary file stopped at the limit
      expect(post.truncated).to.equal('file-too-large');
      const files = Object.values(post.files).flat();
      for (const f of files) expect((await stat(f.path).catch(() => ({ size: 0 }))).size).to.be.at.most(POST_LIMITS.fileSize);
      await discardFiles(files);
      expect(await readdir(dir)).to.deep.equal([]);
    });

    it('stops writing a file past its field\'s own limit, but counts its size', async () => {
      const post = await readFormPost(streamedPost(2 * 1024 * 1024), { dir, maxBytes: () => 1024 * 1024 });
      const [file] = post.files.anexe!;
      expect(file!.size).to.equal(2 * 1024 * 1024);
      expect((await stat(file!.path).catch(() => ({ size: 0 }))).size).to.be.at.most(1024 * 1024);
      await discardFiles([file!]);
    });
  });

  describe('when a field takes no files', () => {
    it('has closed every temporary file before it returns, so discarding them leaves the folder empty', async () => {
      // given posts whose file is refused by its first byte (a field limit of 0): its stream is destroyed while still opening
      for (let i = 0; i < 40; i++) {
        const part = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="anexe"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n`;
        const body = `${part.repeat(POST_LIMITS.files)}--${BOUNDARY}--\r\n`;
        const req = Object.assign(Readable.from([Buffer.from(body)]), { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } }) as unknown as IncomingMessage;
        // when each is read and its files discarded at once
        const post = await readFormPost(req, { dir, maxBytes: () => 0 });
        await discardFiles(Object.values(post.files).flat());
      }
      // then no file was created after its deletion
      await new Promise((r) => setTimeout(r, 50));
      expect(await readdir(dir)).to.deep.equal([]);
    });
  });

  describe('when parts are named like the properties of an object', () => {
    it('reads them as plain names', async () => {
      const part = (name: string, file?: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"` : ''}\r\n${file ? 'Content-Type: application/pdf\r\n' : ''}\r\n${file ? '%PDF-1.7' : 'x'}\r\n`;
      const body = `${part('constructor', 'a.pdf')}${part('__proto__', 'b.pdf')}${part('toString')}${part('__proto__')}--${BOUNDARY}--\r\n`;
      const req = Object.assign(Readable.from([Buffer.from(body)]), { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } }) as unknown as IncomingMessage;
      const post = await readFormPost(req, { dir });
      expect(Object.keys(post.files)).to.deep.equal(['constructor', '__proto__']);
      expect(post.fields.toString).to.equal('x');
      expect(post.fields.__proto__).to.equal('x');
      await discardFiles(Object.values(post.files).flat());
    });
  });

  describe('when a post is small', () => {
    it('does not keep a file for a file input left empty', async () => {
      const body = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="nume"\r\n\r\nMaria\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="anexe"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--${BOUNDARY}--\r\n`;
      const req = Object.assign(Readable.from([Buffer.from(body)]), { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } }) as unknown as IncomingMessage;
      const post = await readFormPost(req, { dir });
      expect(post.fields).to.deep.equal({ nume: 'Maria' });
      expect(post.files).to.deep.equal({});
      expect(await readdir(dir)).to.deep.equal([]);
    });
  });
});
