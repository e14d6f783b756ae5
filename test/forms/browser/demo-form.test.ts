import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { useDemoInChromium } from '../../support/demo-app.ts';
import { SAMPLE_PDF as PDF } from '../../support/petition.ts';

/** The demo form in a real headless Chromium, used the way citizens use it. */
describe('a multi-step form in Chromium', function () {
  this.timeout(60_000);
  const demo = useDemoInChromium();

  async function open(path = '/forms/demo'): Promise<Page> {
    const page = await demo.browser.newPage();
    await page.goto(demo.base + path);
    return page;
  }

  it('can be filled in with the keyboard alone, through the summary, and sent', async () => {
    const page = await open();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('f-nume');
    await page.keyboard.type('Ana Popescu');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ana@exemplu.ro');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0722 123 456');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // first radio: persoană fizică
    await page.keyboard.press('Enter'); // submits the step
    await page.waitForSelector('#f-informatii');
    expect(await page.textContent('.step')).to.contain('Pasul 2 din 2');
    await page.focus('#f-informatii');
    await page.keyboard.type('Lista contractelor de iluminat public din 2025.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // select: first answer format
    const reached: string[] = [];
    for (let i = 0; i < 4 && reached.at(-1) !== 'Continuă'; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ''));
    }
    expect(reached[0]).to.equal('f-acte'); // the file input is reachable by keyboard
    expect(reached.at(-1)).to.equal('Continuă');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.summary');
    expect(await page.textContent('main')).to.contain('Ana Popescu');
    await page.keyboard.press('Tab');
    await page.focus('button[name=_submit]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.confirmation');
    expect(await page.textContent('.confirmation')).to.contain('Cererea a fost trimisă.');
    await page.close();
  });

  it('shows an error summary that takes the user to each field', async () => {
    const page = await open();
    await page.click('button.button:has-text("Continuă")');
    await page.waitForSelector('.error-summary');
    expect(await page.evaluate(() => document.activeElement?.className)).to.contain('error-summary');
    const links = await page.$$eval('.error-summary a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    expect(links).to.deep.include(['#f-nume', 'Completați „Nume și prenume”.']);
    await page.click('.error-summary a[href="#f-email"]');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('f-email');
    expect(await page.getAttribute('#f-nume', 'aria-invalid')).to.equal('true');
    await page.close();
  });

  it('saves a half-filled form and resumes it from its private link on another device', async () => {
    const page = await open();
    await page.fill('#f-nume', 'Ion Ionescu');
    await page.fill('#f-email', 'ion@exemplu.ro');
    await page.click('button[name=_save]');
    const link = await page.getAttribute('#draft-link', 'href');
    expect(link).to.match(/^\/forms\/demo\?draft=[A-Za-z0-9_-]{43}$/);
    await page.close();
    const other = await demo.browser.newContext();
    const resumed = await other.newPage();
    await resumed.goto(demo.base + link!);
    expect(await resumed.inputValue('#f-nume')).to.equal('Ion Ionescu');
    expect(await resumed.inputValue('#f-email')).to.equal('ion@exemplu.ro');
    await other.close();
  });

  /** Step 1 filled in, step 2 open with its question answered: only the files are left. */
  async function openAtUploadStep(): Promise<Page> {
    const page = await open();
    await page.fill('#f-nume', 'Ana Popescu');
    await page.fill('#f-email', 'ana@exemplu.ro');
    await page.check('#f-solicitant-0');
    await page.click('button.button:has-text("Continuă")');
    await page.waitForSelector('#f-acte');
    await page.fill('#f-informatii', 'Bugetul pe 2026 al direcției de drumuri.');
    return page;
  }

  it('uploads a document, checked by its content, and reports its SHA-256', async () => {
    const page = await openAtUploadStep();
    await page.setInputFiles('#f-acte', { name: 'imputernicire.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.click('button.button:has-text("Continuă")');
    await page.waitForSelector('.summary');
    await page.click('button[name=_submit]');
    await page.waitForSelector('.confirmation');
    const text = await page.textContent('.confirmation');
    expect(text).to.contain('imputernicire.pdf');
    expect(text).to.match(/[0-9a-f]{64}/);
    await page.close();
  });

  it('refuses a file whose content is not an accepted type, whatever its name', async () => {
    const page = await openAtUploadStep();
    await page.setInputFiles('#f-acte', { name: 'virus.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
    await page.click('button.button:has-text("Continuă")');
    await page.waitForSelector('.error-summary');
    expect(await page.textContent('.error-summary')).to.contain('nu este de un tip acceptat');
    await page.close();
  });
});
