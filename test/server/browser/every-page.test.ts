import { expect } from 'chai';
import type { Browser, ConsoleMessage, Page, Response } from 'playwright-core';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import type { Database } from '../../../engine/index.ts';
import { dropTestDatabase, openTestDatabase } from '../../support/database.ts';
import { axeViolations, knownCodes, overflowProblems, rawCodes, type KnownCode } from '../../support/page-checks.ts';
import { NOT_PAGES, PAGE_LIST, preparePages, servedPageRoutes, visitPath, type PageVisit, type PageWorld, type Visitor } from '../../support/page-list.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const WIDTHS = [390, 1280] as const;
const LANGS = ['ro', 'en'] as const;

/**
 * Every page of PAGE_LIST (test/support/page-list.ts), in Chromium, in Romanian and English, at a
 * phone's and a desktop's width: it answers without a server error or a console error, never
 * scrolls sideways, passes axe-core's WCAG 2.1 AA rules (no serious or critical violation) and shows
 * labels, never the codes behind them.
 */
describe('every page, in Chromium, on a phone and a desktop, in both languages', function () {
  this.timeout(300_000);
  // One database for the whole walk: the pages show the state prepared once (a per-test reset would sign everyone out).
  let db: Database;
  let browser: Browser;
  let s: TestServer;
  let world: PageWorld;
  let codes: KnownCode[];

  it('lists every page route of the page routers, and no route that does not exist', () => {
    const served = servedPageRoutes();
    const listed = new Set(PAGE_LIST.map((v) => v.route));
    expect(served.filter((r) => !listed.has(r) && !(r in NOT_PAGES)), 'page routes missing from PAGE_LIST').to.deep.equal([]);
    expect([...listed].filter((r) => r.startsWith('get ') && !served.includes(r)), 'listed routes no router serves').to.deep.equal([]);
    expect(Object.keys(NOT_PAGES).filter((r) => !served.includes(r)), 'exclusions of no route').to.deep.equal([]);
  });

  describe('when each page is opened', () => {
    before(async function () {
      if (!hasChromium()) this.skip();
      this.timeout(180_000);
      browser = await launchChromium();
      db = await openTestDatabase();
      s = await startTestServer(db, undefined, { designer: true });
      world = await preparePages(s, browser);
      codes = await knownCodes(db);
    });
    after(async () => {
      await world?.close();
      await s?.close();
      await browser?.close();
      if (db) await dropTestDatabase(db);
    });

    /** One tab per visitor, navigated from page to page: opening a tab costs Chromium ~0.3 s, more than most page loads. */
    const tabs = new Map<Visitor, Page>();

    /** Opens a page as its visitor; what went wrong on the way (status, console) is collected until `done`. */
    async function open(visit: PageVisit, lang: 'ro' | 'en', width: number): Promise<{ page: Page; problems: string[]; done: () => void }> {
      let page = tabs.get(visit.as);
      if (!page) tabs.set(visit.as, page = await world.contexts[visit.as].newPage());
      await page.setViewportSize({ width, height: 900 });
      const problems: string[] = [];
      const url = `${s.base}${visitPath(visit, world.fixture, lang)}`;
      const onConsole = (m: ConsoleMessage) => {
        // The browser reports the page's own error status (404, 403) as a failed load: that status is checked below.
        if (m.type() === 'error' && !(visit.status && m.location().url === url)) problems.push(`console: ${m.text()}`);
      };
      const onPageError = (e: Error) => problems.push(`script error: ${e.message}`);
      const onResponse = (r: Response) => { if (r.status() >= 500) problems.push(`${r.status()} from ${r.url()}`); };
      page.on('console', onConsole);
      page.on('pageerror', onPageError);
      page.on('response', onResponse);
      const done = () => { page.off('console', onConsole); page.off('pageerror', onPageError); page.off('response', onResponse); };
      const res = await page.goto(url);
      if (res?.status() !== (visit.status ?? 200)) problems.push(`status ${res?.status()}, expected ${visit.status ?? 200}`);
      if (new URL(page.url()).pathname !== new URL(url).pathname) problems.push(`sent on to ${page.url()}`);
      if (visit.ready) await page.waitForSelector(visit.ready, { state: 'attached', timeout: 15_000 }).catch(() => problems.push(`never became ready (${visit.ready})`));
      await page.evaluate(() => document.fonts.ready);
      return { page, problems, done };
    }

    it('catches what it looks for, on a page made to fail', async () => {
      const page = await world.contexts.anon.newPage();
      try {
        await page.setViewportSize({ width: 390, height: 900 });
        await page.setContent('<!doctype html><html><head><title>x</title></head><body><main><h1>x</h1><div style="width:600px">lat</div><input type="text"><p style="color:#aaa">gri</p><table><tr><td>registratura</td><td>clerk</td></tr></table></main></body></html>');
        expect(await overflowProblems(page)).to.have.length.greaterThan(0);
        const axe = await axeViolations(page);
        expect(axe.some((v) => v.startsWith('label ')), axe.join('\n')).to.equal(true);
        expect(axe.some((v) => v.startsWith('color-contrast ')), axe.join('\n')).to.equal(true);
        expect(await rawCodes(page, codes, 'ro')).to.deep.equal(['"registratura" in <td>', '"clerk" in <td>']);
      } finally {
        await page.close();
      }
    });

    for (const visit of PAGE_LIST) {
      for (const lang of LANGS) {
        it(`${visit.name} (${lang}): fits 390 and 1280 px, no server or console error, no serious axe-core violation, labels not codes`, async () => {
          const found: string[] = [];
          for (const width of WIDTHS) {
            const { page, problems, done } = await open(visit, lang, width);
            try {
              found.push(...[...problems, ...await overflowProblems(page)].map((p) => `${width} px: ${p}`));
              // The page's content is the same at both widths: axe-core and the codes are checked once.
              if (width !== 1280) continue;
              found.push(...(await axeViolations(page)).map((v) => `axe-core: ${v}`));
              if (!visit.showsIdentifiers) found.push(...(await rawCodes(page, codes, lang)).map((c) => `raw code: ${c}`));
            } finally {
              done();
            }
          }
          expect(found, visit.name).to.deep.equal([]);
        });
      }
    }
  });
});
