import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** Traces of a stack or of the server's files: never on a page. */
const LEAK = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\/work\/|Error: /;

/** The public status check in a real browser: the code stays out of addresses, refusals are the site's pages. */
describe('the public status check, in Chromium', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let browser: Browser;
  let s: TestServer | undefined;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    browser = await launchChromium();
  });
  afterEach(async () => { await s?.close(); s = undefined; });
  after(async () => { await browser?.close(); });

  const submitted = async (server: TestServer) => {
    const maria = await server.user('maria@exemplu.ro', 'citizen');
    const res = await server.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: PETITION });
    expect(res.status).to.equal(201);
    return { number: res.body.registrationNumber as string, code: res.body.secretCode as string };
  };
  const check = async (page: Page, number: string, code: string) => {
    await page.fill('#number', number);
    await page.fill('#code', code);
    const [response] = await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    return response!;
  };

  it('sends the number and the secret code in a post: the code is in no address or history entry', async () => {
    // given a registered request and a browser on the status page
    s = await startTestServer(t.db);
    const { number, code } = await submitted(s);
    const page = await (await browser.newContext()).newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${s.base}/status`);
    // when the reader checks it
    const response = await check(page, number, code);
    // then the answer shows where the request is, and no address carried the code
    expect(response.request().method()).to.equal('POST');
    expect(await page.textContent('main section.card')).to.contain(number);
    expect(urls.filter((u) => u.includes(code))).to.deep.equal([]);
    expect(page.url()).not.to.contain(code);
  });

  it('does not use a code given in an old link: it shows the form with the number only', async () => {
    s = await startTestServer(t.db);
    const { number, code } = await submitted(s);
    const page = await (await browser.newContext()).newPage();
    const response = await page.goto(`${s.base}/status?number=${encodeURIComponent(number)}&code=${code}`);
    expect(response!.status()).to.equal(200);
    expect(await page.inputValue('#number')).to.equal(number);
    expect(await page.inputValue('#code')).to.equal('');
    expect(await page.locator('main section.card').count()).to.equal(0);
    expect(await page.textContent('main')).to.contain('codul secret nu mai este citit dintr-un link').and.not.to.contain(code);
  });

  it('answers a check past the limit with the site\'s own page in the reader\'s language, 429, no stack', async () => {
    s = await startTestServer(t.db, undefined, { rateLimit: { status: 1 } });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${s.base}/status?lang=en`);
    await check(page, '1/02.03.2026', '00000000');
    const refused = await check(page, '1/02.03.2026', '00000000');
    expect(refused.status()).to.equal(429);
    expect(await page.getAttribute('html', 'lang')).to.equal('en');
    expect(await page.textContent('h1')).to.equal('Too many attempts');
    // The site's layout, with its navigation: not a bare error page.
    expect(await page.locator('header.site-header nav').count()).to.equal(1);
    expect(await page.content()).not.to.match(LEAK);
  });
});
