import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium, headless; tests skip themselves where it is not installed. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether browser tests run: Chromium is installed and DOSAR_BROWSER_TESTS is not "off". Pages do not
 * depend on the database kind, so CI walks them once, in the PGlite run (.ci/run).
 */
export function hasChromium(): boolean {
  return process.env.DOSAR_BROWSER_TESTS !== 'off' && existsSync(CHROMIUM);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
