import { expect } from 'chai';
import { useDemoInChromium } from '../../support/demo-app.ts';

/** The same schema and messages in the browser: problems show before anything is sent. */
describe('validation in the browser', function () {
  this.timeout(60_000);
  const demo = useDemoInChromium();

  it('shows a field\'s problem in the server\'s words before anything is sent, and sends once it is fixed', async () => {
    const page = await demo.browser.newPage();
    const posts: string[] = [];
    page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
    await page.goto(`${demo.base}/forms/widgets`);
    await page.waitForSelector('form[data-enhanced]');
    await page.fill('#f-cnp', '1234567890123');
    await page.click('button.button[type=submit]:not([name])');
    await page.waitForSelector('#f-cnp-error');
    expect(posts).to.deep.equal([]);
    expect(await page.textContent('#f-cnp-error')).to.equal('Introduceți un CNP valid: 13 cifre, cu cifra de control corectă.');
    expect(await page.getAttribute('#f-cnp', 'aria-invalid')).to.equal('true');
    expect(await page.getAttribute('#f-cnp', 'aria-describedby')).to.contain('f-cnp-error');
    await page.fill('#f-nume', 'Maria Ionescu');
    await page.fill('#f-cnp', '2950101400015');
    await page.fill('#f-data', '2026-12-01');
    await page.fill('#f-adresa-strada', 'Str. Lungă nr. 7');
    await page.fill('#f-adresa-localitate', 'Brașov');
    await page.fill('#f-suprafata', '84.5');
    await page.click('button.button[type=submit]:not([name])');
    await page.waitForSelector('.confirmation');
    expect(posts).to.have.length(1);
    await page.close();
  });

  it('stops a step with problems before it is sent, with an error summary, but never going back', async () => {
    const page = await demo.browser.newPage();
    const posts: string[] = [];
    page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
    await page.goto(`${demo.base}/forms/demo`);
    await page.waitForSelector('form[data-enhanced]');
    await page.fill('#f-email', 'nu-e-o-adresa');
    await page.click('button.button:has-text("Continuă")');
    await page.waitForSelector('.error-summary');
    expect(posts).to.deep.equal([]);
    const links = await page.$$eval('.error-summary a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).to.include.members(['#f-nume', '#f-email']);
    expect(await page.evaluate(() => document.activeElement?.className)).to.contain('error-summary');
    await page.fill('#f-nume', 'Ana Popescu');
    await page.fill('#f-email', 'ana@exemplu.ro');
    await page.check('#f-solicitant-0');
    await page.click('button.button:has-text("Continuă")');
    await page.waitForSelector('#f-informatii');
    expect(posts).to.have.length(1);
    await page.click('button:has-text("Înapoi")'); // back is never blocked, even with step 2 empty
    await page.waitForSelector('#f-nume');
    expect(posts).to.have.length(2);
    await page.close();
  });
});
