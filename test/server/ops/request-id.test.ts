import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import express from 'express';
import { createServerLog } from '../../../server/ops/logger.ts';
import { assignRequestId } from '../../../server/ops/request-context.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', function () {
  this.timeout(60_000);

  describe('on the application', () => {
    const t = useTestDatabase();
    let s: TestServer;
    before(async () => { s = await startTestServer(t.db); });
    after(async () => { await s.close(); });

    it('gives every request a new id, echoed in X-Request-Id', async () => {
      const a = await s.api('/');
      const b = await s.api('/');
      expect(a.headers.get('x-request-id')).to.match(UUID);
      expect(b.headers.get('x-request-id')).to.match(UUID).and.not.equal(a.headers.get('x-request-id'));
    });

    it('keeps the id a proxy gave, when it looks like one', async () => {
      const res = await s.api('/api/v1/openapi.json', { headers: { 'x-request-id': 'lb-7f3a.9:2' } });
      expect(res.headers.get('x-request-id')).to.equal('lb-7f3a.9:2');
    });

    it('does not keep an id that could break a log line (spaces, quotes, too long)', async () => {
      for (const given of ['a b', 'x"}', 'y'.repeat(101)]) {
        const res = await s.api('/', { headers: { 'x-request-id': given } });
        expect(res.headers.get('x-request-id')).to.match(UUID);
      }
    });

    it('puts the id on API error bodies, beside the usual code and message', async () => {
      const res = await s.api('/api/v1/no-such-thing', { headers: { 'x-request-id': 'cerere-42' } });
      expect(res.status).to.equal(404);
      expect(res.body).to.deep.equal({ error: { code: 'not-found', message: res.body.error.message, requestId: 'cerere-42' } });
    });
  });

  describe('on log lines', () => {
    let server: Server;
    let base: string;
    const lines: Array<Record<string, unknown>> = [];
    before(async () => {
      const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(JSON.parse(chunk.toString())); done(); } });
      const log = createServerLog({ destination: sink });
      const app = express();
      app.use(assignRequestId());
      // A body parsed from the stream, then an await: the two hops where a request's context is usually lost.
      app.post('/x', express.json(), async (req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.error(`mail to ${(req.body as { email: string }).email} failed for CNP 2850312080012`);
        res.end();
      });
      server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise((resolve) => { server.close(resolve); }));

    it('writes one JSON object per line with the request id and no personal data', async () => {
      // when
      await fetch(`${base}/x`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' }, body: JSON.stringify({ email: 'maria@exemplu.ro' }) });
      // then
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include({ level: 'error', requestId: 'req-1', msg: 'mail to ***@exemplu.ro failed for CNP [cnp]' });
      expect(lines[0]!.time).to.be.a('string');
    });

    it('does not put a request id on lines written outside a request', () => {
      const outside: string[] = [];
      const log = createServerLog({ destination: new Writable({ write(chunk: Buffer, _enc, done) { outside.push(chunk.toString()); done(); } }) });
      log.info('deployed petitie version 1');
      expect(JSON.parse(outside[0]!)).to.not.have.property('requestId');
    });
  });
});
