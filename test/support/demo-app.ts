import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createFormsDemoApp } from '../../forms/demo/demo-app.ts';
import { hasChromium, launchChromium } from './browser.ts';
import { useTestDatabase } from './database.ts';

/**
 * The forms demo app on a test database and a headless Chromium for a suite (skipped where
 * Chromium is not installed):
 *
 *   const demo = useDemoInChromium();
 *   it('…', async () => { const page = await demo.browser.newPage(); await page.goto(demo.base + '/forms/demo'); });
 */
export function useDemoInChromium(): { browser: Browser; base: string } {
  const t = useTestDatabase();
  const ctx = {} as { browser: Browser; base: string };
  let server: Server | undefined;
  let uploads: string | undefined;
  before(async function () {
    if (!hasChromium()) this.skip();
    uploads = await mkdtemp(join(tmpdir(), 'dosar-uploads-'));
    ctx.browser = await launchChromium();
    server = await new Promise<Server>((resolve) => { const s = createFormsDemoApp({ db: t.db, uploadsDir: uploads! }).listen(0, '127.0.0.1', () => resolve(s)); });
    ctx.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await ctx.browser?.close();
    if (server) await new Promise((resolve) => server!.close(resolve));
    if (uploads) await rm(uploads, { recursive: true, force: true });
  });
  return ctx;
}
