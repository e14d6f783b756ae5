import { expect } from 'chai';
import { signIn, SLOW_DOWN_MS, slowDownMs } from '../../../server/auth/sign-in.ts';
import { DEFAULT_LIMITS } from '../../../server/http/rate-limits.ts';
import { useTestDatabase } from '../../support/database.ts';
import { postLogin, startTestServer, type TestServer } from '../../support/server.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const statusCheck = (s: TestServer) => fetch(`${s.base}/status`, { method: 'POST', headers: form, body: 'number=1%2F02.03.2026&code=00000000' });

describe('rate limit budgets', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer | undefined;
  afterEach(async () => { await s?.close(); s = undefined; });

  describe('when one address spends the status check budget', () => {
    it('still signs in and signs up: 21 status checks do not lock sign-in', async () => {
      // given the installation's own limits
      s = await startTestServer(t.db, undefined, { rateLimit: {} });
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      // when 21 status checks come from one address
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await statusCheck(s)).status);
      // then the 21st is refused, and sign-in and sign-up from that address are not
      expect(statuses.slice(0, 20)).to.deep.equal(Array(20).fill(404));
      expect(statuses[20]).to.equal(429);
      const signIn = await postLogin(s, { email: maria.email, password: maria.password });
      expect(signIn.status).to.equal(303);
      const signUp = await postLogin(s, { name: 'Ion Pop', email: 'ion@exemplu.ro', password: 'o-parola-lunga-2026', password2: 'o-parola-lunga-2026' }, { path: '/signup' });
      expect(signUp.status).to.equal(303);
    });
  });

  describe('when one address spends the sign-in budget', () => {
    it('refuses its next sign-in with the site\'s page, and still answers its status checks and sign-ups', async () => {
      s = await startTestServer(t.db, undefined, { rateLimit: { signIn: 3 } });
      // Each attempt on another account: the per-account slow-down stays out of this test.
      for (let i = 0; i < 3; i++) expect((await postLogin(s, { email: `x${i}@exemplu.ro`, password: 'gresita-1234' })).status).to.equal(401);
      const refused = await postLogin(s, { email: 'x9@exemplu.ro', password: 'gresita-1234' });
      expect(refused.status).to.equal(429);
      expect(await refused.text()).to.contain('Prea multe încercări');
      expect((await statusCheck(s)).status).to.equal(404);
      expect((await postLogin(s, { name: 'Ion Pop', email: 'ion@exemplu.ro', password: 'o-parola-lunga-2026', password2: 'o-parola-lunga-2026' }, { path: '/signup' })).status).to.equal(303);
    });

    it('gives sign-up a budget of its own, smaller than sign-in\'s', async () => {
      s = await startTestServer(t.db, undefined, { rateLimit: { signUp: 1 } });
      const signUp = (email: string) => postLogin(s!, { name: 'Ion Pop', email, password: 'o-parola-lunga-2026', password2: 'o-parola-lunga-2026' }, { path: '/signup' });
      expect((await signUp('a@exemplu.ro')).status).to.equal(303);
      expect((await signUp('b@exemplu.ro')).status).to.equal(429);
      expect((await postLogin(s, { email: 'a@exemplu.ro', password: 'o-parola-lunga-2026' })).status).to.equal(303);
      expect(DEFAULT_LIMITS.signUp).to.be.below(DEFAULT_LIMITS.signIn);
    });
  });

  describe('when one account gets wrong passwords', () => {
    it('answers the third failure in a window later, whatever address it comes from', async () => {
      s = await startTestServer(t.db, undefined, { config: { trustProxy: true } });
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const fail = async (address: string) => {
        const started = Date.now();
        const res = await postLogin(s!, { email: maria.email, password: 'gresita-1234' }, { headers: { 'x-forwarded-for': address } });
        expect(res.status).to.equal(401);
        return Date.now() - started;
      };
      await fail('10.0.0.1');
      await fail('10.0.0.2');
      expect(await fail('10.0.0.3')).to.be.at.least(slowDownMs(3));
    });

    it('waits nothing at the first failure, more at each next one, and never for another account or a success', async () => {
      s = await startTestServer(t.db);
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const ion = await s.user('ion@exemplu.ro', 'citizen');
      const waits: number[] = [];
      const attempt = (email: string, password: string) => signIn(t.db, { email, password }, s!.clock.now(), async (ms) => { waits.push(ms); });
      for (let i = 0; i < 3; i++) await attempt(maria.email, 'gresita-1234');
      await attempt(ion.email, 'gresita-1234');
      await attempt(ion.email, ion.password);
      expect(waits).to.deep.equal([0, SLOW_DOWN_MS, 2 * SLOW_DOWN_MS, 0]);
    });
  });
});
