import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { pollPendingPayments } from '../../../server/payments/payment-attempts.ts';
import { paymentSettingsFromEnv } from '../../../server/payments/payment-settings.ts';
import { createPayments } from '../../../server/payments/payments.ts';
import { TEST_CARDS } from '../../../server/payments/simulator/simulator.ts';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { axeViolations, overflowProblems } from '../../support/page-checks.ts';
import { useTestDatabase } from '../../support/database.ts';
import { signUp } from '../../support/petition.ts';
import type { TestServer } from '../../support/server.ts';
import { startSimulatorProcess } from '../payments/simulator-process.ts';
import { serverWithTaxaTest } from '../payments/taxa-test.ts';

const SECRET = 'journey-secret';

/**
 * A fee-bearing request paid in Chromium on a phone-sized screen, through the simulator's hosted
 * page (its own process on loopback): paid at once; declined, then paid; never answered, then expired.
 */
describe('paying a fee online, in Chromium through the payment simulator', function () {
  this.timeout(180_000);
  const t = useTestDatabase();
  let browser: Browser;
  let s: TestServer;
  let sim: Awaited<ReturnType<typeof startSimulatorProcess>>;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    browser = await launchChromium();
    sim = await startSimulatorProcess(SECRET);
  });
  beforeEach(async () => {
    s = await serverWithTaxaTest(t.db);
    // The simulator sends the payer and its notifications back to this server.
    s.ctx.config.publicUrl = s.base;
    s.ctx.payments = createPayments({ ...paymentSettingsFromEnv({}), secret: SECRET, gatewayUrl: sim.url });
  });
  afterEach(async () => { await s?.close(); });
  after(async () => { await browser?.close(); await sim?.stop(); });

  /** Signs up, files taxa-test and opens the fee's page; the payment step runs as the executor would. */
  async function fileAndOpenFee(): Promise<Page> {
    const context = await browser.newContext({ locale: 'ro-RO', viewport: { width: 390, height: 844 } });
    // tsx names the functions page-checks.ts hands to the page; the page needs the helper it calls.
    await context.addInitScript('window.__name = (f) => f');
    const page = await context.newPage();
    await signUp(page, s.base, 'Maria Ionescu', 'maria@exemplu.ro', 'o-parola-lunga-2026');
    await page.goto(`${s.base}/proceduri/taxa-test`);
    await page.fill('#f-nume', 'Maria Ionescu');
    await page.click('button.button[type=submit]:not([name])');
    await page.waitForSelector('#registration-number');
    await s.ctx.engine.tick();
    await page.click('a:has-text("Urmăriți cererea")');
    await page.click('a:has-text("Plătiți acum")');
    await page.waitForSelector('#payment-amount');
    expect(await page.textContent('#payment-amount')).to.equal('15,00 lei');
    await assertFitsPhone(page);
    return page;
  }

  async function payWith(page: Page, card: string): Promise<void> {
    await page.click('#pay');
    await page.waitForSelector('#card');
    await assertFitsPhone(page);
    await assertAccessible(page);
    await page.fill('#card', card);
    await page.click('button[type=submit]');
    await page.waitForLoadState();
  }

  /** The simulator's hosted pages pass the checks every page of ours passes: axe-core and no overflow, at 390 and 1280 px. */
  async function assertAccessible(page: Page): Promise<void> {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 844 });
      expect(await axeViolations(page), `${page.url()} at ${width} px`).to.deep.equal([]);
      expect(await overflowProblems(page), `${page.url()} at ${width} px`).to.deep.equal([]);
    }
  }

  async function assertFitsPhone(page: Page): Promise<void> {
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${page.url()} is no wider than the phone`).to.be.at.most(390);
  }

  const paidEvents = async () => (await s.ctx.db.query("select count(*)::int as n from payment_events where kind = 'paid'"))[0]!.n as number;
  const openTaskElements = async () => (await s.ctx.engine.listTasks()).map((x) => x.elementId);

  it('pays by card and shows the paid fee and its receipt; the request moves on to the clerk', async () => {
    const page = await fileAndOpenFee();
    await payWith(page, TEST_CARDS.success);
    expect(await page.textContent('#payment-status')).to.equal('Plătită');
    await page.click('#receipt-link');
    expect(await page.textContent('#payment-receipt')).to.include('15,00 lei');
    expect(await paidEvents()).to.equal(1);
    expect(await openTaskElements()).to.deep.equal(['verificare']);
  });

  it('tells the payer a declined card was refused, lets them try again, and confirms the second attempt once', async () => {
    const page = await fileAndOpenFee();
    await payWith(page, TEST_CARDS.decline);
    await page.waitForSelector('#payment-declined');
    expect(await page.textContent('#pay')).to.include('Încercați din nou');
    await payWith(page, TEST_CARDS.challenge);
    await page.waitForSelector('#code');
    await assertAccessible(page);
    await page.fill('#code', '123456');
    await page.click('button[type=submit]');
    await page.waitForSelector('#payment-status');
    expect(await page.textContent('#payment-status')).to.equal('Plătită');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await paidEvents()).to.equal(1);
  });

  it('keeps the fee pending while the bank does not answer, then expires it at the deadline and ends the request', async () => {
    const page = await fileAndOpenFee();
    await payWith(page, TEST_CARDS.timeout);
    expect(await page.textContent('[role=status]')).to.include('Banca nu a răspuns');
    await page.click('a:has-text("Înapoi la primărie")');
    expect(await page.textContent('#payment-status')).to.equal('În așteptarea plății');
    // when: the payment term (one hour in taxa-test) passes and the poller runs
    s.clock.advance(2 * 3_600_000);
    expect(await pollPendingPayments(s.ctx)).to.deep.include({ expired: 1 });
    // then
    await page.reload();
    expect(await page.textContent('#payment-status')).to.include('Expirată');
    expect(await page.locator('#pay').count()).to.equal(0);
    expect(await openTaskElements()).to.deep.equal([]);
  });
});
