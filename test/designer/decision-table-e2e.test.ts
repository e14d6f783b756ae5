import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { useTestDatabase } from '../support/database.ts';
import { signIn } from '../support/petition.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** The fee table of certificat-urbanism (procedures/certificat-urbanism/taxa-certificat-urbanism.dmn). */
const FEE = 'taxaCertificatUrbanismTeren';

/**
 * The decision-table editor through the real server, in Chromium: an analyst opens the urban
 * certificate's fee table from the designer's list, changes one fee, deploys, and the API lists the
 * new version with the changed cell.
 */
describe('the decision-table editor end to end, in Chromium', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let browser: Browser;
  let context: BrowserContext;
  let s: TestServer;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    browser = await launchChromium();
  });
  beforeEach(async () => {
    s = await startTestServer(t.db, '2026-03-02T08:00:00Z', { designer: true });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ro-RO' });
    await context.addInitScript('window.__name = (f) => f');
  });
  afterEach(async () => {
    await context?.close();
    await s?.close();
  });
  after(async () => { await browser?.close(); });

  async function openFeeTable(): Promise<{ page: Page; errors: string[]; analyst: { token: string } }> {
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await signIn(page, s.base, analyst.email, analyst.password);
    await page.goto(`${s.base}/designer`);
    await page.click(`a[href="/designer/decizii/${FEE}"]`);
    await page.waitForSelector('#dmn-designer[data-ready="true"]', { timeout: 20_000 });
    return { page, errors, analyst };
  }

  it('changes one fee of the urban certificate table, deploys it, and the API lists the new version with the change', async () => {
    const { page, errors, analyst } = await openFeeTable();
    // given the table as deployed, opened on its rules
    expect(await page.textContent('#dmn-status')).to.contain('Versiunea 1');
    const cell = page.locator(`td[data-row-id="pana150"][data-col-id="taxa"]`);
    expect((await cell.textContent())?.trim()).to.equal('6');

    // when the analyst types a new fee for up to 150 m² and deploys
    await cell.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('8');
    await page.click('h1');
    await page.click('#dmn-deploy');
    await page.waitForSelector('#dmn-status[data-kind="success"], #dmn-status[data-kind="error"]');

    // then the page says which version it made, and the API has it with the changed cell
    expect(await page.textContent('#dmn-status')).to.contain('Publicat: versiunea 2');
    const listed = await s.api('/api/v1/decisions', { token: analyst.token });
    expect(listed.body.decisions.find((d: { key: string }) => d.key === FEE)).to.include({ version: 2, deployedBy: 'elena@primarie.ro' });
    const model = await s.api(`/api/v1/decisions/${FEE}/model`, { token: analyst.token });
    expect(model.body.version).to.equal(2);
    expect(model.body.xml).to.match(/<outputEntry id="pana150Out">\s*<text>8<\/text>/);
    expect(model.body.xml).to.match(/<outputEntry id="pana250Out">\s*<text>7<\/text>/);
    expect(errors).to.deep.equal([]);
  });

  it('shows the problems of a table that does not compile, in the page\'s language, and deploys nothing', async () => {
    const { page, analyst } = await openFeeTable();
    const cell = page.locator(`td[data-row-id="pana150"][data-col-id="taxa"]`);
    await cell.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('6 +* 1');
    await page.click('h1');
    await page.click('#dmn-deploy');
    await page.waitForSelector('#dmn-status[data-kind="error"]');
    expect(await page.textContent('#dmn-status')).to.contain('nu a fost publicat');
    expect(await page.textContent('#dmn-problems')).to.contain('pana150');
    const listed = await s.api('/api/v1/decisions', { token: analyst.token });
    expect(listed.body.decisions.find((d: { key: string }) => d.key === FEE)).to.include({ version: 1 });
  });
});
