import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION, signIn } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** The procedure diagram on the clerk's task page (issue 19, defect 12). */
describe('the diagram on the task page, in Chromium', function () {
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

  async function openTriage(options: { javaScript: boolean }) {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const sent = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
    expect(sent.status).to.equal(201);
    const [task] = await s.ctx.db.query<{ id: string }>("select t.id from requests r join tasks t on t.instance_id = r.instance_id where r.id = $1 and t.status = 'open'", [sent.body.id]);
    const context = await browser.newContext({ javaScriptEnabled: options.javaScript, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, s.base, clerk.email, clerk.password);
    await page.goto(`${s.base}/lucru/sarcini/${task!.id}`, { waitUntil: 'domcontentloaded' });
    return { page, close: () => context.close() };
  }

  it('is drawn when the page has loaded, even without JavaScript, with the current step marked', async () => {
    const { page, close } = await openTriage({ javaScript: false });
    try {
      // given the page as it arrives, no script run
      // then the shapes and their names are there
      expect(await page.locator('#diagram svg .activity').count()).to.be.greaterThan(2);
      const names = await page.$$eval('#diagram svg text', (texts) => texts.map((t) => Array.from(t.querySelectorAll('tspan'), (s) => s.textContent).join(' ')));
      expect(names.join(' ')).to.contain('Triere la registratură');
      expect(await page.locator('#diagram svg .current').count(), 'the triage step is marked').to.equal(1);
      expect(await page.getAttribute('#diagram svg', 'aria-label')).to.contain('Triere la registratură');
    } finally {
      await close();
    }
  });

  it('keeps every label inside the drawing and apart from the other labels', async () => {
    const { page, close } = await openTriage({ javaScript: true });
    try {
      await page.waitForLoadState('load');
      expect(await page.locator('#diagram svg text').count(), 'the labels are drawn').to.be.greaterThan(5);
      const problems = await page.evaluate(() => {
        const svg = document.querySelector('#diagram svg')!.getBoundingClientRect();
        const boxes = Array.from(document.querySelectorAll('#diagram svg text')).map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }));
        const found: string[] = [];
        for (const { text, box } of boxes) {
          if (box.left < svg.left || box.right > svg.right || box.top < svg.top || box.bottom > svg.bottom) found.push(`"${text}" is clipped`);
        }
        boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
          const overlap = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left) > 2 && Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top) > 2;
          if (overlap) found.push(`"${a.text}" overlaps "${b.text}"`);
        }));
        return found;
      });
      expect(problems).to.deep.equal([]);
    } finally {
      await close();
    }
  });
});
