import express from 'express';
import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Database } from '../../../engine/index.ts';
import { PgRateLimitStore } from '../../../server/http/rate-limit-store.ts';
import { lastResortErrors } from '../../../server/pages/portal.ts';
import type { AppContext } from '../../../server/context.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** Traces of a stack or of the server's files: never on a page. */
const LEAK = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\/work\/|Error: /;

/** The status page's check, as its form posts it. */
const check = (base: string, query = '', headers: Record<string, string> = {}) => fetch(`${base}/status${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'number=1%2F02.03.2026&code=00000000' });

describe('rate limits', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  const servers: TestServer[] = [];
  const start = async (rateLimit: number) => { const s = await startTestServer(t.db, undefined, { rateLimit }); servers.push(s); return s; };
  afterEach(async () => { for (const s of servers.splice(0)) await s.close(); });

  describe('when a page trips the limit', () => {
    it('answers 429 with the site\'s own page in Romanian, without a stack or server paths', async () => {
      // given
      const s = await start(2);
      const statuses: number[] = [];
      // when
      for (let i = 0; i < 2; i++) statuses.push((await check(s.base)).status);
      const refused = await check(s.base);
      const page = await refused.text();
      // then
      expect(statuses).to.deep.equal([404, 404]);
      expect(refused.status).to.equal(429);
      expect(refused.headers.get('content-type')).to.match(/^text\/html/);
      expect(page).to.contain('<html lang="ro"').and.to.contain('Prea multe încercări').and.to.contain('reveniți peste un minut');
      expect(page).not.to.contain('Too many');
      expect(page).not.to.match(LEAK);
    });

    it('answers in English with ?lang=en, and then by the remembered cookie', async () => {
      const s = await start(1);
      await check(s.base);
      const asked = await check(s.base, '?lang=en');
      expect(asked.status).to.equal(429);
      expect(await asked.text()).to.contain('Too many attempts').and.not.to.contain('Prea multe');
      const remembered = await check(s.base, '', { cookie: 'dosar_lang=en' });
      expect(remembered.status).to.equal(429);
      expect(await remembered.text()).to.contain('<html lang="en"').and.to.contain('try again in a minute');
    });

    it('limits sign-in and submissions the same way, with the page and not a stack', async () => {
      const s = await start(1);
      const post = (path: string) => fetch(s.base + path, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40b.ro&password=x' });
      for (const path of ['/login', '/signup']) {
        await post(path);
        const res = await post(path);
        expect(res.status, path).to.equal(429);
        expect(await res.text(), path).to.contain('Prea multe încercări').and.not.to.match(LEAK);
      }
      await post('/proceduri/petitie');
      const submission = await post('/proceduri/petitie');
      expect(submission.status).to.equal(429);
      expect(await submission.text()).to.contain('Prea multe încercări').and.not.to.match(LEAK);
    });

    it('does not refuse pages that are not limited', async () => {
      const s = await start(1);
      await check(s.base);
      expect((await check(s.base)).status).to.equal(429);
      expect((await fetch(`${s.base}/status`)).status).to.equal(200);
      expect((await fetch(`${s.base}/`)).status).to.equal(200);
      expect((await fetch(`${s.base}/login`)).status).to.equal(200);
    });
  });

  describe('when API submissions trip the limit', () => {
    it('counts a caller refused for its token too, and says nothing of the procedure before the caller is known', async () => {
      // given: one submission a minute from this address
      const s = await start(1);
      // when
      const unknown = await s.api('/api/v1/procedures/nu-exista/requests', { token: 'not-a-token', body: {} });
      const again = await s.api('/api/v1/procedures/petitie/requests', { token: 'not-a-token', body: {} });
      // then: the token is refused before the missing procedure is named, and the refused call counted
      expect(unknown.status).to.equal(401);
      expect(unknown.body.error.code).to.equal('unauthorized');
      expect(again.status).to.equal(429);
      expect(again.body.error.code).to.equal('rate-limited');
    });
  });

  describe('when two processes serve one database', () => {
    it('counts one limit for both', async () => {
      // given two app instances on the same database
      const a = await start(4);
      const b = await start(4);
      // when a client alternates between them
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await fetch(`${(i % 2 ? b : a).base}/api/v1/status?number=1/02.03.2026&code=00000000`)).status);
      // then the fifth guess is refused, not the ninth
      expect(statuses).to.deep.equal([404, 404, 404, 404, 429, 429]);
    });

    it('does not share counts between the guessing and the submission limits', async () => {
      const a = await start(1);
      await check(a.base);
      expect((await check(a.base)).status).to.equal(429);
      const submission = await fetch(`${a.base}/proceduri/petitie`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'nume=x' });
      expect(submission.status).not.to.equal(429);
    });
  });

  describe('when the rate limit store fails', () => {
    it('answers the site\'s error page, not express\'s', async () => {
      const s = await start(10);
      const broken: Database = Object.create(s.ctx.db, { query: { value: async (text: string, params?: unknown[]) => { if (/rate_limits/.test(text)) throw new Error('connection lost at /work/secret/path.ts:12'); return s.ctx.db.query(text, params); } } });
      const { createApp } = await import('../../../server/app.ts');
      const server = await new Promise<Server>((resolve) => { const x = createApp({ ...s.ctx, db: broken }).listen(0, '127.0.0.1', () => resolve(x)); });
      try {
        const res = await check(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
        const page = await res.text();
        expect(res.status).to.equal(500);
        expect(page).to.contain('A apărut o eroare la noi').and.not.to.match(LEAK);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});

describe('PgRateLimitStore', function () {
  this.timeout(60_000);
  const t = useTestDatabase();

  it('counts hits in a window, then starts a new one when it has ended', async () => {
    let now = new Date('2026-03-02T08:00:00Z');
    const store = new PgRateLimitStore(t.db, 'test', () => now);
    store.init({ windowMs: 60_000 } as never);
    expect((await store.increment('1.2.3.4')).totalHits).to.equal(1);
    expect((await store.increment('1.2.3.4')).totalHits).to.equal(2);
    expect((await store.get('1.2.3.4'))?.totalHits).to.equal(2);
    now = new Date('2026-03-02T08:01:00Z');
    const fresh = await store.increment('1.2.3.4');
    expect(fresh.totalHits).to.equal(1);
    expect(fresh.resetTime?.toISOString()).to.equal('2026-03-02T08:02:00.000Z');
  });

  it('gives the hits of one turn their own running totals, in order, each client its own', async () => {
    const now = new Date('2026-03-02T08:00:00Z');
    const store = new PgRateLimitStore(t.db, 'test', () => now);
    store.init({ windowMs: 60_000 } as never);
    await store.increment('a');
    const totals = await Promise.all(['a', 'b', 'a', 'a', 'b'].map((k) => store.increment(k)));
    expect(totals.map((h) => h.totalHits)).to.deep.equal([2, 1, 3, 4, 2]);
    expect((await store.get('a'))?.totalHits).to.equal(4);
    expect((await store.get('b'))?.totalHits).to.equal(2);
  });

  it('deletes the ended windows of other clients, and keeps the live ones', async () => {
    let now = new Date('2026-03-02T08:00:00Z');
    const store = new PgRateLimitStore(t.db, 'test', () => now);
    store.init({ windowMs: 60_000 } as never);
    await store.increment('old');
    now = new Date('2026-03-02T08:00:30Z');
    await store.increment('live');
    now = new Date('2026-03-02T08:01:10Z');
    await store.increment('new');
    const keys = (await t.db.query<{ key: string }>('select key from rate_limits order by key')).map((r) => r.key);
    expect(keys).to.deep.equal(['test:live', 'test:new']);
  });

  it('does not mix keys of stores with different prefixes', async () => {
    const a = new PgRateLimitStore(t.db, 'a');
    const b = new PgRateLimitStore(t.db, 'b');
    await a.increment('k');
    await a.increment('k');
    expect((await b.increment('k')).totalHits).to.equal(1);
    await a.resetKey('k');
    expect(await a.get('k')).to.equal(undefined);
  });
});

describe('lastResortErrors', () => {
  it('answers an error no page handled with a plain page in the reader\'s language, never a stack', async () => {
    const app = express();
    app.get('/boom', () => { throw new Error('kaboom at /work/server/secret.ts:1'); });
    app.use(lastResortErrors({ log: () => undefined } as unknown as AppContext));
    const server = await new Promise<Server>((resolve) => { const x = app.listen(0, '127.0.0.1', () => resolve(x)); });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const ro = await fetch(`${base}/boom`);
      expect(ro.status).to.equal(500);
      const text = await ro.text();
      expect(text).to.contain('A apărut o eroare la noi').and.not.to.match(LEAK).and.not.to.contain('kaboom');
      expect(await (await fetch(`${base}/boom?lang=en`)).text()).to.contain('Something went wrong');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
