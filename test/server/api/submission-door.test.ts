import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createApp } from '../../../server/app.ts';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const ROUTE = '/api/v1/procedures/petitie/requests';
const METRICS_TOKEN = 'metrics-token-of-the-submission-door';

/** An answer with what may differ between two servers taken out: ids, numbers, dates, the id of the request. */
async function answer(res: Response): Promise<{ status: number; body: unknown; headers: Record<string, string> }> {
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (['date', 'etag', 'content-length', 'keep-alive', 'connection'].includes(name)) return;
    headers[name] = name === 'x-request-id' ? '(id)' : name === 'ratelimit' ? value.replace(/remaining=\d+, reset=\d+/, 'remaining=n, reset=n') : value;
  });
  const json = JSON.stringify(body).replace(/"requestId":"[^"]+"/g, '"requestId":"(id)"').replace(/"id":"[0-9a-f-]{36}"/g, '"id":"(id)"').replace(/"registrationNumber":"\d+\//g, '"registrationNumber":"n/').replace(/"secretCode":"\d+"/g, '"secretCode":"(code)"');
  return { status: res.status, body: JSON.parse(json), headers };
}

describe('API submissions answered outside express (server/api/submission-door.ts)', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;
  let expressOnly: Server;
  let expressBase: string;

  beforeEach(async () => {
    s = await startTestServer(t.db, undefined, { rateLimit: { submissions: 4 }, config: { metricsToken: METRICS_TOKEN } });
    // The same application, served without the front door: express answers everything.
    expressOnly = createServer(createApp(s.ctx, { rateLimit: { submissions: 4 } }));
    await new Promise<void>((resolve) => expressOnly.listen(0, '127.0.0.1', resolve));
    expressBase = `http://127.0.0.1:${(expressOnly.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => expressOnly.close(resolve));
    await s.close();
  });

  /** The same request to both servers, one after the other: their answers, made comparable. */
  async function both(init: { path?: string; token?: string; headers?: Record<string, string>; body?: string }) {
    const headers = { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers };
    const send = (base: string) => fetch(base + (init.path ?? ROUTE), { method: 'POST', headers, body: init.body ?? JSON.stringify(PETITION) });
    const door = await answer(await send(s.base));
    const viaExpress = await answer(await send(expressBase));
    return { door, viaExpress };
  }

  it('answers an accepted petition as express does: 201, the same fields and the same headers', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const { door, viaExpress } = await both({ token: citizen.token, headers: { 'x-request-id': 'client-7' } });
    expect(door.status).to.equal(201);
    expect(door.body).to.include({ status: 'active', dueDate: '2026-04-01' });
    expect(door).to.deep.equal(viaExpress);
    expect(door.headers).to.include({ 'x-request-id': '(id)', 'x-content-type-options': 'nosniff', 'ratelimit-policy': '4;w=60' });
    expect(door.headers['content-security-policy']).to.include("script-src 'self'");
  });

  it('is the door that answers (express would add an ETag, which a POST\'s answer does not need)', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const post = (base: string) => fetch(base + ROUTE, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen.token}` }, body: JSON.stringify(PETITION) });
    expect((await post(s.base)).headers.has('etag')).to.equal(false);
    expect((await post(expressBase)).headers.has('etag')).to.equal(true);
  });

  it('keeps the number gapless across both paths, and replays an Idempotency-Key with 200', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const post = (base: string, key?: string) => fetch(base + ROUTE, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen.token}`, ...(key ? { 'idempotency-key': key } : {}) }, body: JSON.stringify(PETITION) });
    const numbers = [];
    for (const base of [s.base, expressBase]) numbers.push(((await (await post(base)).json()) as { registrationNumber: string }).registrationNumber);
    expect(numbers).to.deep.equal(['1/02.03.2026', '2/02.03.2026']);
    const first = await post(s.base, 'cheie-1');
    const again = await post(s.base, 'cheie-1');
    expect([first.status, again.status]).to.deep.equal([201, 200]);
    const [one, two] = [await first.json(), await again.json()] as Array<{ id: string; registrationNumber: string }>;
    expect(two).to.include({ id: one!.id, registrationNumber: one!.registrationNumber });
    const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from requests');
    expect(row!.n).to.equal(3);
  });

  const refusals: Array<[string, { path?: string; token?: string | null; headers?: Record<string, string>; body?: string }, number, string]> = [
    ['a body that is not JSON', { body: '{"nume": ' }, 400, 'bad-input'],
    ['a JSON string instead of an object', { body: '"text"' }, 400, 'bad-input'],
    ['a JSON array', { body: '[1, 2]' }, 400, 'bad-input'],
    ['an empty body (read as {}, so the form is incomplete)', { body: '' }, 422, 'form-invalid'],
    ['a form that is not valid', { body: JSON.stringify({ ...PETITION, email: 'nu-e-email' }) }, 422, 'form-invalid'],
    ['a NUL in a field', { body: JSON.stringify({ ...PETITION, nume: 'Ana\u0000' }) }, 400, 'bad-input'],
    ['a NUL in the query', { path: `${ROUTE}?x=a%00b` }, 400, 'bad-input'],
    ['an unknown token', { token: 'nu-exista' }, 401, 'unauthorized'],
    ['a clerk\'s token', { token: 'clerk' }, 403, 'forbidden'],
    ['an unknown procedure', { path: '/api/v1/procedures/nu-exista/requests' }, 404, 'not-found'],
    ['a body over 2 MB', { body: JSON.stringify({ ...PETITION, continut: 'x'.repeat(2 * 1024 * 1024) }) }, 413, 'too-large'],
  ];
  for (const [what, init, status, code] of refusals) {
    it(`refuses ${what} as express does (${status} ${code})`, async () => {
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const clerk = await s.user('ion@primarie.ro', 'clerk', ['registratura']);
      const token = init.token === 'clerk' ? clerk.token : init.token ?? citizen.token;
      const { door, viaExpress } = await both({ ...init, token });
      expect(door.status).to.equal(status);
      expect((door.body as { error: { code: string } }).error.code).to.equal(code);
      expect(door).to.deep.equal(viaExpress);
    });
  }

  it('reads off a body too large before answering 413, so a client still sending it gets the answer, not a closed socket', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const chunk = Buffer.alloc(256 * 1024, 'x');
    const chunks = 24;
    // Settles once both the answer and the sending are over: an error while sending (EPIPE) fails it.
    const answerOf = () => new Promise<{ status: number; code: string }>((resolve, reject) => {
      let answered: { status: number; code: string } | undefined;
      let written = false;
      const done = () => { if (answered && written) resolve(answered); };
      const req = request(s.base + ROUTE, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen.token}`, 'content-length': String(chunk.length * chunks) },
      }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => { text += d.toString('utf8'); });
        res.on('end', () => { answered = { status: res.statusCode ?? 0, code: (JSON.parse(text) as { error: { code: string } }).error.code }; done(); });
      });
      req.on('error', reject);
      req.on('finish', () => { written = true; done(); });
      // Written in pieces with pauses, so the answer is ready long before the body has all been sent.
      let sent = 0;
      const more = () => {
        if (sent++ === chunks) { req.end(); return; }
        req.write(chunk, () => setTimeout(more, 5));
      };
      more();
    });
    for (let i = 0; i < 3; i++) expect(await answerOf()).to.deep.equal({ status: 413, code: 'too-large' });
  });

  it('answers in English when the client asks (?lang=en), as express does', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const { door, viaExpress } = await both({ path: `${ROUTE}?lang=en`, token: citizen.token, body: '{' });
    expect((door.body as { error: { message: string } }).error.message).to.equal('The request body is not valid JSON.');
    expect(door).to.deep.equal(viaExpress);
  });

  it('counts its submissions in the same rate limit as express, and refuses past it with Retry-After', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const post = (base: string) => fetch(base + ROUTE, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen.token}` }, body: JSON.stringify(PETITION) });
    const statuses = [];
    for (const base of [s.base, expressBase, s.base, expressBase]) statuses.push((await post(base)).status);
    expect(statuses).to.deep.equal([201, 201, 201, 201]);
    const door = await post(s.base);
    const viaExpress = await post(expressBase);
    expect([door.status, viaExpress.status]).to.deep.equal([429, 429]);
    expect(door.headers.get('retry-after')).to.match(/^\d+$/);
    expect(await answer(door)).to.deep.equal(await answer(viaExpress));
    const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from requests');
    expect(row!.n).to.equal(4);
  });

  it('leaves to express what it does not take: a browser\'s session, a form post, another charset', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const latin = await fetch(s.base + ROUTE, { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1', authorization: `Bearer ${citizen.token}` }, body: JSON.stringify(PETITION) });
    expect(latin.status).to.equal(400);
    expect(((await latin.json()) as { error: { message: string } }).error.message).to.match(/charset/i);
    const form = new FormData();
    form.set('data', JSON.stringify(PETITION));
    const multipart = await fetch(s.base + ROUTE, { method: 'POST', headers: { authorization: `Bearer ${citizen.token}` }, body: form });
    expect(multipart.status).to.equal(201);
    const noToken = await fetch(s.base + ROUTE, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(PETITION) });
    expect(noToken.status).to.equal(401);
  });

  it('times its answers under the route pattern in the metrics, never by the procedure in the URL', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    await fetch(s.base + ROUTE, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen.token}` }, body: JSON.stringify(PETITION) });
    await fetch(`${s.base}/api/v1/procedures/nu-exista/requests`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen.token}` }, body: '{}' });
    const text = await (await fetch(`${s.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(text).to.match(/^dosar_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/procedures\/:key\/requests",status="2xx"\} 1$/m);
    expect(text).to.match(/^dosar_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/procedures\/:key\/requests",status="4xx"\} 1$/m);
    expect(text).not.to.include('nu-exista');
  });
});
