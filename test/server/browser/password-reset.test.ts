import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { useTestDatabase } from '../../support/database.ts';
import { signIn } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** The reset link in the last mail to `to`, pointed at the test server (mail links use the public address). */
function resetLinkIn(s: TestServer, to: string): string {
  const mail = s.smtp.received.filter((m) => m.to.includes(to)).at(-1);
  if (!mail) throw new Error(`no mail to ${to}`);
  // Quoted-printable: soft line breaks and escaped bytes.
  const text = mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  const link = /http:\/\/dosar\.test(\/parola-noua\?token=[A-Za-z0-9_-]{43})/.exec(text)?.[1];
  if (!link) throw new Error('no reset link in the mail');
  return s.base + link;
}

async function requestLink(page: Page, s: TestServer, email: string): Promise<void> {
  await page.goto(`${s.base}/login`);
  await page.click('a:has-text("Ați uitat parola?")');
  await page.fill('#email', email);
  await page.click('main button[type=submit]');
  await page.waitForSelector('.notice--success');
  await s.mailSettled();
}

async function choosePassword(page: Page, password: string, current?: string): Promise<void> {
  if (current) await page.fill('#current', current);
  await page.fill('#password', password);
  await page.fill('#password2', password);
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
}

describe('getting back into an account, in Chromium', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let browser: Browser;
  let s: TestServer;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    browser = await launchChromium();
  });
  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s?.close(); });
  after(async () => { await browser?.close(); });

  describe('when a citizen forgot the password', () => {
    it('mails a link that sets a new password once, signs the citizen in, and retires the old password', async () => {
      // given a citizen who forgot the password
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const page = await (await browser.newContext({ locale: 'ro-RO' })).newPage();
      // when she asks for a link from the sign-in page and follows it
      await requestLink(page, s, maria.email);
      const link = resetLinkIn(s, maria.email);
      await page.goto(link);
      await choosePassword(page, 'parola-noua-aleasa-2026');
      // then she is signed in, the new password works and the old one does not
      expect(new URL(page.url()).pathname).to.equal('/cereri');
      const other = await (await browser.newContext()).newPage();
      await signIn(other, s.base, maria.email, maria.password);
      expect(new URL(other.url()).pathname).to.equal('/login');
      await signIn(other, s.base, maria.email, 'parola-noua-aleasa-2026');
      expect(new URL(other.url()).pathname).to.equal('/cereri');
      // and the link works only once, and only its hash was stored
      const again = await other.goto(link);
      expect(again!.status()).to.equal(404);
      expect(await other.textContent('main')).to.contain('nu mai este valabil');
      const token = new URL(link).searchParams.get('token')!;
      expect(JSON.stringify(await t.db.query('select * from password_resets'))).not.to.contain(token);
    });

    it('does not accept a link older than one hour', async () => {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const page = await (await browser.newContext()).newPage();
      await requestLink(page, s, maria.email);
      const link = resetLinkIn(s, maria.email);
      s.clock.advance(60 * 60_000 + 1);
      expect((await page.goto(link))!.status()).to.equal(404);
    });
  });

  describe('when an administrator resets a clerk\'s password', () => {
    it('shows a one-time password that the clerk must change at the next sign-in, before any other page', async () => {
      // given a clerk signed in somewhere, and the administrator
      const admin = await s.user('admin@primarie.ro', 'admin');
      const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
      const oldSession = await (await browser.newContext()).newPage();
      await signIn(oldSession, s.base, ana.email, ana.password);
      const office = await (await browser.newContext()).newPage();
      await signIn(office, s.base, admin.email, admin.password);
      // when the administrator gives her a one-time password
      await office.goto(`${s.base}/admin`);
      await office.fill('#r-email', ana.email);
      await Promise.all([office.waitForNavigation(), office.click('form[action="/admin/utilizatori/parola"] button')]);
      const oneTime = (await office.textContent('#one-time-password'))!.trim();
      // then her old session is over, and signing in with it leads only to choosing a new password
      await oldSession.goto(`${s.base}/lucru`);
      expect(new URL(oldSession.url()).pathname).to.equal('/login');
      const page = await (await browser.newContext()).newPage();
      await signIn(page, s.base, ana.email, oneTime);
      expect(new URL(page.url()).pathname).to.equal('/cont/parola');
      await page.goto(`${s.base}/lucru`);
      expect(new URL(page.url()).pathname).to.equal('/cont/parola');
      expect(await page.textContent('main')).to.contain('parolă temporară');
      // and the one-time password itself is not accepted as the new one
      await choosePassword(page, oneTime);
      expect(await page.textContent('.error-summary')).to.contain('alta decât cea primită');
      await choosePassword(page, 'parola-mea-proprie-2026');
      expect(new URL(page.url()).pathname).to.equal('/lucru');
      await page.goto(`${s.base}/lucru`);
      expect(new URL(page.url()).pathname).to.equal('/lucru');
    });
  });
});
