import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const UUID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** Whatever arrives, the answer is a coded error, never a 500 or a stack trace, and nothing is half-written. */
describe('the API under bad input', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;
  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('answers every malformed call with a 4xx and an error code', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    const calls: Array<[string, Parameters<TestServer['api']>[1]]> = [
      ['/api/v1/procedures/petitie/requests', { token: citizen.token, body: [] }],
      ['/api/v1/procedures/petitie/requests', { token: citizen.token, body: 'nu e json', headers: { 'content-type': 'application/json' } }],
      ['/api/v1/procedures/petitie/requests', { token: citizen.token, body: { ...PETITION, nume: 'x'.repeat(200_000) } }],
      ['/api/v1/procedures/petitie/requests', { token: citizen.token, body: JSON.parse('{"__proto__": {"admin": true}, "nume": "A"}') }],
      ['/api/v1/procedures/petitie/requests', { token: citizen.token, body: { ...PETITION, adresa: 'nu e obiect' } }],
      ['/api/v1/procedures/petitie/requests', { token: citizen.token, body: '<xml/>', headers: { 'content-type': 'text/plain' } }],
      ['/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION, headers: { 'Idempotency-Key': 'cheie cu spatii' } }],
      ['/api/v1/procedures/%00/requests', { token: citizen.token, body: PETITION }],
      [`/api/v1/requests/${UUID}`, { token: citizen.token }],
      ['/api/v1/requests/nu-e-uuid', { token: citizen.token }],
      [`/api/v1/requests/${UUID}/documents/${UUID}.exe`, { token: citizen.token }],
      [`/api/v1/requests/${UUID}/completion`, { token: clerk.token, body: { message: 'x' } }],
      [`/api/v1/requests/${UUID}/extension`, { token: clerk.token, body: { amount: -5, unit: 'ani', reason: '' } }],
      ['/api/v1/tasks?dueWithin=abc', { token: clerk.token }],
      ['/api/v1/tasks?limit=0', { token: clerk.token }],
      ['/api/v1/tasks?group=taxe', { token: clerk.token }],
      [`/api/v1/tasks/${UUID}/claim`, { token: clerk.token, method: 'POST' }],
      ['/api/v1/tasks/nu-e-uuid/complete', { token: clerk.token, body: { data: {} } }],
      [`/api/v1/tasks/${'-'.repeat(36)}/claim`, { token: clerk.token, method: 'POST' }],
      [`/api/v1/tasks/${UUID}/assign`, { token: clerk.token, body: { assignee: 42 } }],
      ['/api/v1/messages', { token: clerk.token, body: { name: 'acte', requestId: 'x' } }],
      ['/api/v1/messages', { token: clerk.token, body: { name: 'acte', businessKey: 'nu-exista' } }],
      ['/api/v1/messages', { token: clerk.token, body: {} }],
      ['/api/v1/definitions', { token: analyst.token, body: '<bpmn:definitions', headers: { 'content-type': 'application/xml' } }],
      ['/api/v1/definitions', { token: analyst.token, body: { xml: 42 } }],
      ['/api/v1/definitions', { token: analyst.token, body: { xml: '<x/>', forms: { cerere: { schema: { type: 'nimic' } } } } }],
      ['/api/v1/status?number=1/02.03.2026&code=abc', {}],
      ['/api/v1/procedures/nu-exista', {}],
    ];
    for (const [path, options] of calls) {
      const res = await s.api(path, options);
      const where = `${options?.method ?? (options?.body !== undefined ? 'POST' : 'GET')} ${path.slice(0, 80)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      expect(res.status, where).to.be.within(400, 499);
      expect(res.body?.error?.code, where).to.be.a('string');
      expect(JSON.stringify(res.body), where).not.to.match(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
    }
    expect(await t.db.query('select id from requests')).to.deep.equal([]);
    expect(await t.db.query('select id from instances')).to.deep.equal([]);
  });

  it('names the query parameter that carries a character no text may hold, in a sentence that agrees', async () => {
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const refused = await s.api('/api/v1/archive/search?year=2020&q=a%00b', { token: clerk.token });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.message).to.equal('Un parametru al adresei (/q) conține caractere nepermise (NUL sau surogate UTF-16 izolate).');
    expect(refused.body.error.details[0].pointer).to.equal('/q');
  });

  it('says a body is not JSON in the caller\'s language, Romanian unless asked otherwise', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const broken = { token: citizen.token, body: '{"nume": ', headers: { 'content-type': 'application/json' } };
    const ro = await s.api('/api/v1/procedures/petitie/requests', broken);
    const en = await s.api('/api/v1/procedures/petitie/requests?lang=en', broken);
    expect([ro.status, ro.body.error.code, ro.body.error.message]).to.deep.equal([400, 'bad-input', 'Corpul cererii nu este JSON valid.']);
    expect([en.status, en.body.error.code, en.body.error.message]).to.deep.equal([400, 'bad-input', 'The request body is not valid JSON.']);
  });
});

describe('rate limits', function () {
  this.timeout(60_000);
  const t = useTestDatabase();

  it('answer guessing past the limit with a coded 429', async () => {
    const s = await startTestServer(t.db, undefined, { rateLimit: 5 });
    try {
      const statuses: number[] = [];
      let last: { status: number; body: any } | undefined;
      for (let i = 0; i < 7; i++) {
        last = await s.api('/api/v1/status?number=1/02.03.2026&code=00000000');
        statuses.push(last.status);
      }
      expect(statuses).to.deep.equal([404, 404, 404, 404, 404, 429, 429]);
      expect(last!.body.error.code).to.equal('rate-limited');
    } finally {
      await s.close();
    }
  });
});
