import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { useTestDatabase } from '../../support/database.ts';
import { fillPetition, signIn } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

/** A citizen's application is registered once, whatever the browser sends again. */
describe('submitting an application in Chromium', function () {
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

  const requests = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from requests'))[0]!.n;
  /** Every post has been answered (a cancelled one too): the count of requests no longer moves. */
  const settled = async () => {
    let last = -1;
    for (let n = await requests(); n !== last; n = await requests()) { last = n; await new Promise((r) => setTimeout(r, 500)); }
    return last;
  };
  const citizenOnForm = async (): Promise<Page> => {
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const page = await (await browser.newContext({ locale: 'ro-RO' })).newPage();
    await signIn(page, s.base, maria.email, maria.password);
    await page.goto(`${s.base}/proceduri/petitie`);
    await page.waitForSelector('form[data-enhanced]');
    await fillPetition(page);
    return page;
  };
  /** The public status check with this number and code, as its form posts it. */
  const statusCheck = (number: string, code: string) => fetch(`${s.base}/status`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ number, code }) });

  it('registers one request when the confirmation page is reloaded, and shows the same number and code', async () => {
    // given a citizen who has just sent the petition
    const page = await citizenOnForm();
    await page.click('button.button[type=submit]:not([name])');
    await page.waitForSelector('#registration-number');
    const number = (await page.textContent('#registration-number'))!.trim();
    const code = (await page.textContent('#secret-code'))!.trim();
    // when the confirmation page is reloaded
    const reloaded = await page.reload();
    // then it is a page of its own (a GET), nothing is sent again, and it shows the same receipt
    expect(reloaded!.request().method()).to.equal('GET');
    expect(page.url()).to.match(/\/cereri\/[0-9a-f-]{36}\/confirmare$/);
    expect(await settled()).to.equal(1);
    expect((await page.textContent('#registration-number'))!.trim()).to.equal(number);
    expect((await page.textContent('#secret-code'))!.trim()).to.equal(code);
    expect((await statusCheck(number, code)).status).to.equal(200);
  });

  it('registers one request on a double click, and the code it shows works', async () => {
    const page = await citizenOnForm();
    await page.dblclick('button.button[type=submit]:not([name])');
    await page.waitForURL(/\/confirmare$/);
    expect(await settled()).to.equal(1);
    const number = (await page.textContent('#registration-number'))!.trim();
    const code = (await page.textContent('#secret-code'))!.trim();
    expect((await statusCheck(number, code)).status).to.equal(200);
  });

  it('does not show the confirmation to another citizen, nor the code once its hour is over', async () => {
    const page = await citizenOnForm();
    await page.click('button.button[type=submit]:not([name])');
    await page.waitForSelector('#secret-code');
    const confirmation = page.url();
    const ion = await s.user('ion@exemplu.ro', 'citizen');
    const other = await (await browser.newContext()).newPage();
    await signIn(other, s.base, ion.email, ion.password);
    expect((await other.goto(confirmation))!.status()).to.equal(404);
    await page.context().clearCookies({ name: 'dosar_receipt_code' });
    await page.reload();
    expect(await page.locator('#secret-code').count()).to.equal(0);
    expect(await page.textContent('main')).to.contain('nu se mai afișează');
  });
});

describe('the application forms of every procedure', function () {
  this.timeout(60_000);
  const t = useTestDatabase();

  it('carry a fresh idempotency key, drawn with the form', async () => {
    const s = await startTestServer(t.db);
    try {
      const maria = await s.user('maria@exemplu.ro', 'citizen');
      const session = await signInSession(s, maria.email, maria.password);
      const keys = (await s.api('/api/v1/procedures')).body.procedures.map((p: { key: string }) => p.key) as string[];
      expect(keys).to.include.members(['petitie', 'informatii-publice', 'autorizatie-functionare', 'atestare-fiscala']);
      for (const key of keys) {
        const draw = async () => /name="_idempotency" value="([A-Za-z0-9_-]{43})"/.exec(await (await session.page(`/proceduri/${key}`)).text())?.[1];
        const [first, second] = [await draw(), await draw()];
        expect(first, key).to.be.a('string');
        expect(second, key).to.be.a('string').and.not.equal(first);
      }
    } finally {
      await s.close();
    }
  });
});
