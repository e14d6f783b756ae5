import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../engine/index.ts';
import { migrateDatabase } from '../../server/store/migrate.ts';
import { hasChromium, CHROMIUM, launchChromium } from '../support/browser.ts';
import { formShots } from './forms.ts';
import { designerShots } from './designer.ts';
import { everyPageShots } from './every-page.ts';
import { portalShots } from './portal.ts';
import { shooter } from './shots.ts';

/**
 * `npm run screenshots [-- <folder>]`: PNGs of every page and widget state, default ./screenshots
 * (SHOTS=forms|portal|designer|pages takes one group only),
 * on a throwaway in-memory database so it never touches real data.
 */
async function main(): Promise<void> {
  if (!hasChromium()) {
    console.error(`Screenshots need Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium).`);
    process.exit(1);
  }
  const outDir = resolve(process.argv[2] ?? 'screenshots');
  const scratch = await mkdtemp(join(tmpdir(), 'dosar-shots-'));
  // The forms demo moves uploads into this folder; it does not make it.
  await mkdir(join(scratch, 'uploads'));
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(db);
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    const shot = shooter(outDir, written);
    const only = process.env.SHOTS;
    if (!only || only === 'forms') await formShots(browser, db, join(scratch, 'uploads'), shot);
    if (!only || only === 'portal') await portalShots(browser, db, shot);
    if (!only || only === 'designer') await designerShots(browser, db, shot);
    if (!only || only === 'pages') await everyPageShots(browser, db, shot);
  } finally {
    await browser.close();
    await db.close();
    await rm(scratch, { recursive: true, force: true });
  }
  for (const file of written) console.log(file);
  console.log(`${written.length} screenshots in ${outDir}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
