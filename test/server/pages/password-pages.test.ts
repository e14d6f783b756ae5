import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { postLogin, signInSession, startTestServer, type TestServer } from '../../support/server.ts';

describe('the password pages', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;
  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s?.close(); });

  const forgot = async (email: string) => {
    const res = await postLogin(s, { email }, { path: '/parola-uitata' });
    await s.mailSettled();
    return { status: res.status, text: await res.text() };
  };
  const mailsTo = (email: string) => s.smtp.received.filter((m) => m.to.includes(email)).length;

  describe('when a reset link is asked for', () => {
    it('answers the same for a citizen, an unknown address and a staff account, and mails only the citizen', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const answers = [await forgot(maria.email), await forgot('nimeni@exemplu.ro'), await forgot(ana.email)];
      expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200]);
      const notice = (text: string) => /<p class="notice notice--success"[^>]*>([^<]+)<\/p>/.exec(text)?.[1];
      expect(notice(answers[1]!.text)).to.equal(notice(answers[0]!.text)).and.equal(notice(answers[2]!.text));
      expect([mailsTo(maria.email), mailsTo('nimeni@exemplu.ro'), mailsTo(ana.email)]).to.deep.equal([1, 0, 0]);
    });

    it('refuses an address that is not one, saying so', async () => {
      const refused = await forgot('nu-este-o-adresa');
      expect(refused.status).to.equal(422);
      expect(refused.text).to.contain('Adresa de e-mail nu este validă.');
    });

    it('does not mail the same account twice within a minute', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      await forgot(maria.email);
      await forgot(maria.email);
      expect(mailsTo(maria.email)).to.equal(1);
      s.clock.advance(61_000);
      await forgot(maria.email);
      expect(mailsTo(maria.email)).to.equal(2);
    });

    it('does not accept the form from another site', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const res = await postLogin(s, { email: maria.email }, { path: '/parola-uitata', headers: { 'sec-fetch-site': 'cross-site' } });
      expect(res.status).to.equal(403);
      await s.mailSettled();
      expect(mailsTo(maria.email)).to.equal(0);
    });
  });

  describe('when a signed-in account changes its password', () => {
    it('asks for the current one, then ends the other sessions', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const here = await signInSession(s, maria.email, maria.password);
      const elsewhere = await signInSession(s, maria.email, maria.password);
      const wrong = await here.post('/cont/parola', { current: 'nu-este-parola', password: 'parola-noua-2026-x', password2: 'parola-noua-2026-x' });
      expect(wrong.status).to.equal(422);
      expect(await wrong.text()).to.contain('Parola actuală nu este corectă.');
      const changed = await here.post('/cont/parola', { current: maria.password, password: 'parola-noua-2026-x', password2: 'parola-noua-2026-x' });
      expect(changed.status).to.equal(303);
      expect(changed.headers.getSetCookie().some((c) => c.startsWith('dosar_session='))).to.equal(true);
      expect((await elsewhere.page('/cereri')).headers.get('location')).to.match(/^\/login/);
      expect((await postLogin(s, { email: maria.email, password: 'parola-noua-2026-x' })).status).to.equal(303);
    });
  });

  describe('when an account holds a one-time password', () => {
    it('refuses its browser session on the API until the password is changed, and not its API tokens', async () => {
      const admin = await s.user('admin@primarie.ro', 'admin');
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const office = await signInSession(s, admin.email, admin.password);
      const shown = await (await office.post('/admin/utilizatori/parola', { email: ana.email })).text();
      const oneTime = /id="one-time-password">([^<]+)</.exec(shown)![1]!;
      const signedIn = await postLogin(s, { email: ana.email, password: oneTime });
      const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('dosar_session='))!.split(';')[0]!;
      const api = await fetch(`${s.base}/api/v1/tasks`, { headers: { cookie } });
      expect(api.status).to.equal(403);
      expect((await s.api('/api/v1/tasks', { token: ana.token })).status).to.equal(200);
      expect((await fetch(`${s.base}/lucru`, { headers: { cookie }, redirect: 'manual' })).headers.get('location')).to.equal('/cont/parola');
    });

    it('says so for an unknown account on the admin page', async () => {
      const admin = await s.user('admin@primarie.ro', 'admin');
      const office = await signInSession(s, admin.email, admin.password);
      const res = await office.post('/admin/utilizatori/parola', { email: 'nimeni@primarie.ro' });
      expect(res.status).to.equal(422);
      expect(await res.text()).to.contain('Nu există niciun cont cu adresa nimeni@primarie.ro.');
    });
  });
});
