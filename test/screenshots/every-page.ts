import type { Browser } from 'playwright-core';
import type { Database } from '../../engine/index.ts';
import { PAGE_LIST, preparePages, visitPath } from '../support/page-list.ts';
import { startTestServer } from '../support/server.ts';
import type { Shot } from './shots.ts';

/**
 * Each page of the page list (test/support/page-list.ts) at a phone's and a desktop's width, in both
 * languages; PAGES=admin/quality,admin/admin takes only those.
 */
export async function everyPageShots(browser: Browser, db: Database, shot: Shot): Promise<void> {
  const s = await startTestServer(db, undefined, { designer: true });
  const world = await preparePages(s, browser);
  try {
    const only = process.env.PAGES?.split(',');
    for (const visit of PAGE_LIST.filter((v) => !only || only.includes(v.name))) {
      for (const lang of ['ro', 'en'] as const) {
        for (const width of [390, 1280]) {
          const page = await world.contexts[visit.as].newPage();
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`${s.base}${visitPath(visit, world.fixture, lang)}`);
          if (visit.ready) await page.waitForSelector(visit.ready, { state: 'attached', timeout: 20_000 }).catch(() => undefined);
          await shot(page, `pages/${visit.name}-${lang}-${width}`);
          await page.close();
        }
      }
    }
  } finally {
    await world.close();
    await s.close();
  }
}
