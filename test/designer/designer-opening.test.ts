import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { useTestDatabase } from '../support/database.ts';
import { signIn } from '../support/petition.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** What an analyst sees on opening the built-in petition in the designer (issue 19, defect 13). */
describe('the designer opening a built-in procedure, in Chromium', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let browser: Browser;
  let context: BrowserContext;
  let s: TestServer;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    browser = await launchChromium();
  });
  beforeEach(async function () {
    this.timeout(120_000); // the first test of the process also builds the designer bundle
    s = await startTestServer(t.db, '2026-03-02T08:00:00Z', { designer: true });
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ro-RO' });
    await context.addInitScript('window.__name = (f) => f');
  });
  afterEach(async () => {
    await context?.close();
    await s?.close();
  });
  after(async () => { await browser?.close(); });

  async function openPetition(lang: 'ro' | 'en' = 'ro'): Promise<Page> {
    const analyst = await s.user('analist@primarie.ro', 'analyst');
    const page = await context.newPage();
    await signIn(page, s.base, analyst.email, analyst.password);
    await page.goto(`${s.base}/designer/proceduri/petitie?lang=${lang}`);
    await page.waitForSelector('#designer[data-ready="true"]', { state: 'attached', timeout: 30_000 });
    return page;
  }

  it('shows the whole diagram clear of the palette, on a canvas that fills the window', async () => {
    const page = await openPetition();
    const { palette, shapes, canvas } = await page.evaluate(() => {
      const box = (el: Element) => el.getBoundingClientRect();
      const all = Array.from(document.querySelectorAll('.djs-element.djs-shape')).map(box).filter((b) => b.width > 0);
      return {
        palette: box(document.querySelector('.djs-palette')!).right,
        shapes: { left: Math.min(...all.map((b) => b.left)), right: Math.max(...all.map((b) => b.right)) },
        canvas: box(document.querySelector('.dosar-canvas')!),
      };
    });
    expect(shapes.left, 'the start of the process is right of the palette').to.be.greaterThan(palette);
    expect(shapes.right, 'the end of the process is in view').to.be.at.most(canvas.right);
    expect(canvas.height, 'the canvas takes the window height left below the toolbar').to.be.greaterThan(560);
  });

  it('shows the built-in counting rule as the civil one, and v1 as deployed from the built-in package', async () => {
    const page = await openPetition();
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      modeler.get<any>('selection').select(modeler.get<any>('canvas').getRootElement());
    });
    const rule = page.locator('select[name="dosar-process-legalRule"], [data-entry-id$="legalRule"] select').first();
    await rule.waitFor({ state: 'attached' });
    const chosen = await rule.evaluate((el: HTMLSelectElement) => el.options[el.selectedIndex]?.textContent ?? '');
    expect(chosen).to.match(/^civilă/);
    expect(await rule.evaluate((el: HTMLSelectElement) => Array.from(el.options).map((o) => o.textContent).join('|'))).not.to.contain('altul');
    const versions = await page.textContent('.dosar-versions');
    expect(versions).to.contain('din pachetul inclus');
    expect(versions).not.to.contain('procedures/');
  });

  it('says what is wrong with a refused deploy in the page\'s language', async () => {
    const page = await openPetition();
    // given a flow out of a gateway that lost its condition
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      modeler.get<any>('modeling').updateProperties(modeler.get<any>('elementRegistry').get('spreRedirectionare'), { conditionExpression: undefined });
    });
    await page.click('[data-action="deploy"]');
    const item = page.locator('#problems li[data-code="gateway-flow-without-condition"]');
    await item.waitFor();
    expect(await item.locator('button').textContent()).to.equal('Un flux care iese din poartă nu are condiție (și nu este fluxul implicit).');
    expect(await item.locator('small').getAttribute('lang'), 'the checker\'s own words are marked as English').to.equal('en');
  });
});
