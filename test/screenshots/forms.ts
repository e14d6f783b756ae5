import type { Browser, Page } from 'playwright-core';
import { createFormsDemoApp } from '../../forms/demo/demo-app.ts';
import type { Database } from '../../engine/index.ts';
import { listen, type Shot } from './shots.ts';
import { SAMPLE_PDF as PDF } from '../support/petition.ts';

/** Every form widget state: empty, with errors, filled, each step, the summary, a saved draft, in both languages. */
export async function formShots(browser: Browser, db: Database, uploadsDir: string, shot: Shot): Promise<void> {
  const { base, close } = await listen(createFormsDemoApp({ db, uploadsDir }));
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, locale: 'ro-RO' });
  try {
    await page.goto(`${base}/forms/widgets`);
    await shot(page, 'forms/widgets-empty');
    await page.click('button.button[type=submit]:not([name])');
    await page.waitForSelector('.error-summary');
    await shot(page, 'forms/widgets-errors');
    await fillWidgets(page);
    await shot(page, 'forms/widgets-filled');
    await page.goto(`${base}/forms/widgets?lang=en`);
    await shot(page, 'forms/widgets-empty-en');

    await page.goto(`${base}/forms/demo`);
    await shot(page, 'forms/steps-1');
    await page.click('button.button:has-text("Continuă")');
    await page.waitForSelector('.error-summary');
    await shot(page, 'forms/steps-1-errors');
    await page.fill('#f-nume', 'Ana Popescu');
    await page.fill('#f-email', 'ana@exemplu.ro');
    await page.check('#f-solicitant-1');
    // The company code is shown by a UI rule once the server sees the answer (no JavaScript needed).
    await page.click('button.button:has-text("Continuă")');
    await page.waitForSelector('#f-cui');
    await shot(page, 'forms/steps-1-conditional-error');
    await page.fill('#f-cui', '18547290');
    await page.focus('#f-cui');
    await shot(page, 'forms/steps-1-focus');
    await page.click('button.button:has-text("Continuă")');
    await page.waitForSelector('#f-informatii');
    await page.fill('#f-informatii', 'Bugetul pe 2026 al direcției de drumuri.');
    await page.setInputFiles('#f-acte', { name: 'imputernicire.pdf', mimeType: 'application/pdf', buffer: PDF });
    await shot(page, 'forms/steps-2-upload');
    await page.click('button.button:has-text("Continuă")');
    await page.waitForSelector('.summary');
    await shot(page, 'forms/steps-summary');
    await page.click('button[name=_submit]');
    await page.waitForSelector('.confirmation');
    await shot(page, 'forms/steps-sent');
    await page.goto(`${base}/forms/demo`);
    await page.fill('#f-nume', 'Ion Ionescu');
    await page.click('button[name=_save]');
    await page.waitForSelector('#draft-link');
    await shot(page, 'forms/draft-saved');
  } finally {
    await page.close();
    await close();
  }
}

async function fillWidgets(page: Page): Promise<void> {
  await page.click('button[name=_add][value=vecini]');
  await page.waitForSelector('#f-vecini-0-nume');
  const values: Record<string, string> = {
    'f-nume': 'Maria Ionescu', 'f-cnp': '2950101400012', 'f-email': 'maria@exemplu.ro', 'f-telefon': '0722 123 456',
    'f-data': '2026-12-01', 'f-adresa-strada': 'Str. Lungă nr. 7', 'f-adresa-localitate': 'Brașov', 'f-adresa-codPostal': '500035',
    'f-suprafata': '84.5', 'f-etaje': '2', 'f-descriere': 'Extinderea locuinței cu o cameră la parter.',
    'f-vecini-0-nume': 'Ștefan Țurcanu', 'f-vecini-0-adresa': 'Str. Lungă nr. 9',
  };
  for (const [id, value] of Object.entries(values)) await page.fill(`#${id}`, value);
  await page.check('#f-tip-0');
  await page.selectOption('#f-judet', 'Brașov').catch(() => page.selectOption('#f-judet', { index: 1 }));
  await page.check('#f-anexe-0');
  await page.check('#f-anexe-2');
  await page.check('#f-acord');
}
