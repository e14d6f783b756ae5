import { expect } from 'chai';
import { DEFAULT_TOKEN_DAYS, userOfToken } from '../../../server/auth/tokens.ts';
import { useTestDatabase } from '../../support/database.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

const DAY = 86_400_000;

describe('personal access tokens on the API', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  describe('when a token expires', () => {
    it('refuses it with 401 unauthorized from then on', async () => {
      // given a token created with a 1-day lifetime
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const created = await s.api('/api/v1/tokens', { token: ana.token, body: { expiresIn: '1d' } });
      expect(created.status).to.equal(201);
      expect(created.body.expiresAt).to.equal(new Date(s.clock.now().getTime() + DAY).toISOString());
      expect((await s.api('/api/v1/tasks', { token: created.body.token })).status).to.equal(200);
      // when a day has passed
      s.clock.advance(DAY);
      const refused = await s.api('/api/v1/tasks', { token: created.body.token });
      // then
      expect(refused.status).to.equal(401);
      expect(refused.body.error.code).to.equal('unauthorized');
    });

    it('gives tokens a default lifetime, and refuses a lifetime beyond a year', async () => {
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const created = await s.api('/api/v1/tokens', { token: ana.token, body: {} });
      expect(created.body.expiresAt).to.equal(new Date(s.clock.now().getTime() + DEFAULT_TOKEN_DAYS * DAY).toISOString());
      for (const expiresIn of ['366d', '0d', '30', 'forever', 30]) {
        const res = await s.api('/api/v1/tokens', { token: ana.token, body: { expiresIn } });
        expect(res.status, String(expiresIn)).to.equal(400);
        expect(res.body.error.code).to.equal('bad-input');
      }
      // the helper's own token too: it was created with the default lifetime
      s.clock.advance(DEFAULT_TOKEN_DAYS * DAY);
      expect((await s.api('/api/v1/tasks', { token: ana.token })).status).to.equal(401);
    });
  });

  describe('when a token is revoked', () => {
    it('refuses it at once, and lists it as revoked', async () => {
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const created = (await s.api('/api/v1/tokens', { token: ana.token, body: { expiresIn: '30d' } })).body;
      const revoked = await s.api(`/api/v1/tokens/${created.id}`, { token: ana.token, method: 'DELETE' });
      expect(revoked.status).to.equal(200);
      expect(revoked.body).to.include({ id: created.id, state: 'revoked' });
      const refused = await s.api('/api/v1/tasks', { token: created.token });
      expect(refused.status).to.equal(401);
      expect(refused.body.error.code).to.equal('unauthorized');
      const list = await s.api('/api/v1/tokens', { token: ana.token });
      expect(list.body.email).to.equal('ana@primarie.ro');
      expect(list.body.tokens.map((x: { id: string; state: string }) => x.state)).to.have.members(['revoked', 'active']);
      expect(JSON.stringify(list.body)).not.to.contain(created.token);
      expect((await s.api('/api/v1/tasks', { token: ana.token })).status).to.equal(200); // the other token still works
    });
  });

  describe('when someone manages tokens that are not their own', () => {
    it('lets an admin list, create and revoke anyone\'s', async () => {
      const admin = await s.user('admin@primarie.ro', 'admin');
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const created = await s.api('/api/v1/tokens', { token: admin.token, body: { email: ana.email, expiresIn: '12h' } });
      expect(created.status).to.equal(201);
      expect(created.body.email).to.equal(ana.email);
      const list = await s.api(`/api/v1/tokens?email=${ana.email}`, { token: admin.token });
      expect(list.body.tokens).to.have.length(2);
      expect((await s.api(`/api/v1/tokens/${created.body.id}`, { token: admin.token, method: 'DELETE' })).status).to.equal(200);
      expect((await s.api('/api/v1/tasks', { token: created.body.token })).status).to.equal(401);
    });

    it('does not let anyone else see, create or revoke them', async () => {
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const [anaToken] = (await s.api('/api/v1/tokens', { token: ana.token })).body.tokens;
      const list = await s.api(`/api/v1/tokens?email=${ana.email}`, { token: maria.token });
      expect(list.status).to.equal(403);
      expect((await s.api('/api/v1/tokens', { token: maria.token, body: { email: ana.email } })).status).to.equal(403);
      const revoke = await s.api(`/api/v1/tokens/${anaToken.id}`, { token: maria.token, method: 'DELETE' });
      expect(revoke.status).to.equal(404);
      expect((await s.api('/api/v1/tasks', { token: ana.token })).status).to.equal(200);
      expect((await s.api('/api/v1/tokens')).status).to.equal(401);
    });

    it('needs the session\'s CSRF token when a browser session creates one', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const session = await signInSession(s, maria.email, maria.password);
      const res = await fetch(`${s.base}/api/v1/tokens`, { method: 'POST', headers: { cookie: session.cookie, 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).to.equal(403);
    });
  });

  describe('when calls with several tokens arrive at once', () => {
    it('answers each as its own token allows: its account, or 401 for the revoked and the unknown', async () => {
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const gone = await s.user('ion@exemplu.ro', 'citizen');
      await t.db.query('update api_tokens set revoked_at = $2 where user_id = $1', [gone.id, s.clock.now()]);
      const calls = [[ana.token, '/api/v1/tasks'], [maria.token, '/api/v1/requests'], [gone.token, '/api/v1/requests'], ['dosar_unknown', '/api/v1/requests'], [maria.token, '/api/v1/tasks']] as const;
      const statuses = await Promise.all(calls.map(async ([token, path]) => (await s.api(path, { token })).status));
      expect(statuses).to.deep.equal([200, 200, 401, 401, 403]);
      // the same lookups asked in one turn (they share a query), one with a time past the tokens' expiry
      const later = new Date(s.clock.now().getTime() + (DEFAULT_TOKEN_DAYS + 1) * DAY);
      const users = await Promise.all([[ana.token, s.clock.now()], [gone.token, s.clock.now()], [maria.token, s.clock.now()], [maria.token, later]].map(([token, at]) => userOfToken(t.db, token as string, at as Date)));
      expect(users.map((u) => u?.email)).to.deep.equal(['ana@primarie.ro', undefined, 'maria@exemplu.ro', undefined]);
    });
  });

  describe('when a token is used', () => {
    it('records its last use at most once a minute', async () => {
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const lastUse = async () => (await t.db.query<{ last_used_at: Date }>('select last_used_at from api_tokens'))[0]!.last_used_at;
      const start = s.clock.now();
      await s.api('/api/v1/tasks', { token: ana.token });
      expect(new Date(await lastUse()).toISOString()).to.equal(start.toISOString());
      s.clock.advance(30_000);
      await s.api('/api/v1/tasks', { token: ana.token });
      expect(new Date(await lastUse()).toISOString()).to.equal(start.toISOString());
      s.clock.advance(40_000);
      await s.api('/api/v1/tasks', { token: ana.token });
      expect(new Date(await lastUse()).toISOString()).to.equal(new Date(start.getTime() + 70_000).toISOString());
    });
  });
});
