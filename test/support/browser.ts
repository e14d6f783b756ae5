import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium, headless; tests skip themselves where it is not installed. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether browser tests of a kind run: Chromium is installed and DOSAR_BROWSER_TESTS allows them
 * (unset or "all": every kind; "pages" or "journeys": that kind only; "off": none). Neither kind
 * depends on the database kind, so CI runs the page walk in the PGlite run and the journeys (the
 * citizen's, the clerk's and the analyst's in the designer) in the PostgreSQL run, side by side (.ci/run).
 */
export function hasChromium(kind: 'pages' | 'journeys' = 'pages'): boolean {
  const allowed = process.env.DOSAR_BROWSER_TESTS ?? 'all';
  return (allowed === 'all' || allowed === kind) && existsSync(CHROMIUM);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
