import { expect } from 'chai';
import { LOCK_MS, MAX_FAILURES } from '../../../server/auth/sign-in.ts';
import { useTestDatabase } from '../../support/database.ts';
import { loginForm, postLogin, signInSession, startTestServer, type TestServer } from '../../support/server.ts';

function cookieOf(res: Response, name: string): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0];
}

describe('the account pages', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  describe('when a sign-in form is posted', () => {
    it('signs in from our own form, with its pre-session token and cookie', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const res = await postLogin(s, { email: maria.email, password: maria.password }, { headers: { origin: new URL(s.base).origin, 'sec-fetch-site': 'same-origin' } });
      expect(res.status).to.equal(303);
      expect(cookieOf(res, 'dosar_session')).to.match(/^dosar_session=[A-Za-z0-9_-]{43}$/);
      // Chromium posts our own form with "Origin: null" (our pages send no referrer) and Sec-Fetch-Site
      const chromium = await postLogin(s, { email: maria.email, password: maria.password }, { headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } });
      expect(chromium.status).to.equal(303);
    });

    it('does not sign in from another site: a cross-site post, a foreign Origin, a missing or wrong token', async () => {
      // given an attacker's account, whose password the attacker knows
      const attacker = await s.user('atacator@exemplu.ro', 'citizen');
      const fields = { email: attacker.email, password: attacker.password };
      const form = await loginForm(s);
      const cookie = form.cookie!;
      const post = (headers: Record<string, string>, body: Record<string, string>) => fetch(`${s.base}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body) });
      // when the victim's browser posts the attacker's credentials from another site
      const attempts = [
        await post({ cookie, 'sec-fetch-site': 'cross-site' }, { ...fields, _csrf: form.token }),
        await post({ cookie, origin: 'https://atacator.example' }, { ...fields, _csrf: form.token }),
        await post({ cookie, origin: 'null' }, { ...fields, _csrf: form.token }),
        await post({}, fields),
        await post({ cookie }, fields),
        await post({ cookie }, { ...fields, _csrf: (await loginForm(s)).token }),
      ];
      // then no session starts, and the form comes back to be sent again
      for (const res of attempts) {
        expect(res.status).to.equal(403);
        expect(cookieOf(res, 'dosar_session')).to.equal(undefined);
        expect(await res.text()).to.contain('Formularul a expirat sau nu vine de pe acest site').and.to.contain('name="_csrf"');
      }
      expect(await t.db.query('select 1 from sessions')).to.deep.equal([]);
    });

    it('does not create an account from another site either', async () => {
      const res = await fetch(`${s.base}/signup`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' }, body: new URLSearchParams({ name: 'X', email: 'x@exemplu.ro', password: 'parola-lunga-1', password2: 'parola-lunga-1' }) });
      expect(res.status).to.equal(403);
      expect(await t.db.query("select 1 from users where email = 'x@exemplu.ro'")).to.deep.equal([]);
      const ours = await postLogin(s, { name: 'X', email: 'x@exemplu.ro', password: 'parola-lunga-1', password2: 'parola-lunga-1' }, { path: '/signup' });
      expect(ours.status).to.equal(303);
    });

    it('rotates the session id at sign-in: the id held before no longer works', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const first = await signInSession(s, maria.email, maria.password);
      const again = await postLogin(s, { email: maria.email, password: maria.password }, { cookies: [first.cookie] });
      expect(again.status).to.equal(303);
      const second = cookieOf(again, 'dosar_session')!;
      expect(second).not.to.equal(first.cookie);
      expect((await first.page('/cereri')).status).to.equal(303); // to the sign-in page
      expect((await fetch(`${s.base}/cereri`, { headers: { cookie: second }, redirect: 'manual' })).status).to.equal(200);
    });
  });

  describe('when an account gets too many wrong passwords', () => {
    const wrong = (email: string, cookies: string[] = []) => postLogin(s, { email, password: 'nu-este-parola' }, { cookies });

    it('refuses its sign-in for a while, even with the right password, then lets it in again', async () => {
      // given
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      // when
      const statuses: number[] = [];
      for (let i = 0; i < MAX_FAILURES; i++) statuses.push((await wrong(maria.email)).status);
      const right = await postLogin(s, { email: maria.email, password: maria.password });
      // then
      expect(statuses).to.deep.equal([401, 401, 401, 401, 429]);
      expect(right.status).to.equal(429);
      expect(cookieOf(right, 'dosar_session')).to.equal(undefined);
      expect(await right.text()).to.contain('autentificarea este suspendată').and.not.to.contain('parola nu este corectă');
      // and once the lock has run out
      s.clock.advance(LOCK_MS + 1000);
      expect((await postLogin(s, { email: maria.email, password: maria.password })).status).to.equal(303);
    });

    it('says the same for an account that does not exist, so the lock reveals no accounts', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < MAX_FAILURES + 1; i++) statuses.push((await wrong('nimeni@exemplu.ro')).status);
      expect(statuses).to.deep.equal([401, 401, 401, 401, 429, 429]);
    });

    it('resets the count after a success', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      for (let i = 0; i < MAX_FAILURES - 1; i++) await wrong(maria.email);
      expect((await postLogin(s, { email: maria.email, password: maria.password })).status).to.equal(303);
      const statuses: number[] = [];
      for (let i = 0; i < MAX_FAILURES - 1; i++) statuses.push((await wrong(maria.email)).status);
      expect(statuses.every((x) => x === 401)).to.equal(true);
    });

    it('does not lock out the browser its owner signed in with before, nor other accounts', async () => {
      // given maria signed in once from her browser
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const ana = await s.user('ana@exemplu.ro', 'citizen');
      const before = await postLogin(s, { email: maria.email, password: maria.password });
      const device = cookieOf(before, 'dosar_device')!;
      expect(device).to.match(/^dosar_device=[A-Za-z0-9_-]{43}$/);
      // when an attacker locks her account from elsewhere
      for (let i = 0; i < MAX_FAILURES + 3; i++) await wrong(maria.email);
      expect((await postLogin(s, { email: maria.email, password: maria.password })).status).to.equal(429);
      // then her own browser still signs in, and ana is not concerned
      expect((await postLogin(s, { email: maria.email, password: maria.password }, { cookies: [device] })).status).to.equal(303);
      expect((await postLogin(s, { email: ana.email, password: ana.password })).status).to.equal(303);
      // and a device cookie of another account is no way around the lock
      for (let i = 0; i < MAX_FAILURES; i++) await wrong(maria.email);
      const anaDevice = cookieOf(await postLogin(s, { email: ana.email, password: ana.password }), 'dosar_device')!;
      expect((await postLogin(s, { email: maria.email, password: maria.password }, { cookies: [anaDevice] })).status).to.equal(429);
    });

    it('forgets ended windows and locks of other accounts', async () => {
      for (let i = 0; i < MAX_FAILURES; i++) await wrong('ion@exemplu.ro');
      s.clock.advance(LOCK_MS + 1000);
      await wrong('dan@exemplu.ro');
      expect((await t.db.query<{ email: string }>('select email from sign_in_failures')).map((r) => r.email)).to.deep.equal(['dan@exemplu.ro']);
    });
  });
});
