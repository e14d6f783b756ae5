import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { useTestDatabase } from '../../support/database.ts';
import { signIn, signUp } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** Decides the open task the page shows, with its form's submit button. */
async function decide(office: Page): Promise<void> {
  await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
  await office.waitForURL(/\/lucru\/cereri\//);
}

/** A request for public information (Legea 544/2001) in a real browser: filed, extended by notice, answered. */
describe('a request for public information, with the extension notice, in Chromium', function () {
  this.timeout(180_000);
  const t = useTestDatabase();
  let browser: Browser;
  let s: TestServer;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    browser = await launchChromium();
  });
  // Friday 2 April 2027: the 10 days end on Monday 12 April; 30 days from registration end on
  // Sunday 2 May (Easter), Easter Monday 3 May is a holiday too, so the extended term ends on Tuesday 4 May.
  beforeEach(async () => { s = await startTestServer(t.db, '2027-04-02T07:00:00Z'); });
  afterEach(async () => { await s?.close(); });
  after(async () => { await browser?.close(); });

  it('is filed by the citizen, extended within the 10 days by a registered notice, answered, and both documents reach the citizen', async () => {
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura', 'informare-publica']);
    const citizenContext = await browser.newContext({ locale: 'ro-RO' });
    const citizen = await citizenContext.newPage();

    await signUp(citizen, s.base, 'Maria Ionescu', 'maria@exemplu.ro', 'o-parola-lunga-2027');
    await citizen.click('a.button:has-text("Acces la informații de interes public")');
    await citizen.waitForSelector('form[data-enhanced]');
    await citizen.fill('#f-nume', 'Maria Ionescu');
    await citizen.fill('#f-email', 'maria@exemplu.ro');
    await citizen.fill('#f-informatiiSolicitate', 'Contractele de iluminat public încheiate în 2026, cu valorile lor.');
    await citizen.getByRole('radio', { name: 'În format electronic, pe e-mail' }).check();
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('#registration-number');
    const number = (await citizen.textContent('#registration-number'))!.trim();
    expect(number).to.equal('1/02.04.2027');
    expect(await citizen.textContent('#due-date')).to.equal('12.04.2027');
    const requestUrl = `${s.base}${await citizen.getAttribute('a:has-text("Urmăriți cererea")', 'href')}`;

    // The public information office needs more time: the only option before the 10 days end.
    const office = await (await browser.newContext({ locale: 'ro-RO' })).newPage();
    await signIn(office, s.base, clerk.email, clerk.password);
    await office.goto(`${s.base}/lucru?group=informare-publica`);
    expect(await office.textContent('table.queue')).to.contain(number);
    await office.click('table.queue a:has-text("Analiza solicitării")');
    await office.getByRole('radio', { name: 'Este nevoie de mai mult timp' }).check();
    await office.fill('#f-motivPrelungire', 'Contractele sunt în arhivă și trebuie căutate.');
    await decide(office);

    // The registry registers and sends the notice: the term becomes 30 days from registration.
    await office.goto(`${s.base}/lucru?group=registratura`);
    await office.click('table.queue a:has-text("notificare de prelungire")');
    await office.fill('#f-semnatar', 'Ana Registratură');
    await decide(office);

    await citizen.goto(requestUrl);
    expect(await citizen.textContent('#clock-due')).to.equal('04.05.2027');
    expect(await citizen.textContent('main')).to.contain('Notificare de prelungire');

    // The office answers, the registry sends the answer.
    await office.goto(`${s.base}/lucru?group=informare-publica`);
    await office.click('table.queue a:has-text("Soluționarea solicitării")');
    expect(await office.locator('input[name=decizie][value=prelungire]').count()).to.equal(0);
    await office.getByRole('radio', { name: 'Se comunică informațiile', exact: true }).check();
    await office.fill('#f-raspuns', 'Vă transmitem lista contractelor: 12/2026, 31/2026.');
    await decide(office);
    await office.goto(`${s.base}/lucru?group=registratura`);
    await office.click('table.queue a:has-text("Înregistrare și trimitere răspuns")');
    await office.fill('#f-semnatar', 'Ana Registratură');
    await decide(office);

    await citizen.goto(requestUrl);
    expect(await citizen.textContent('#request-status')).to.equal('Soluționată');
    const links = await citizen.locator('a:has-text("HTML")').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const texts = await Promise.all(links.map(async (href) => (await citizen.request.get(`${s.base}${href}`)).text()));
    expect(texts.some((x) => x.includes('în cel mult 30 de zile') && x.includes(number))).to.equal(true);
    expect(texts.some((x) => x.includes('12/2026, 31/2026') && x.includes(number))).to.equal(true);
    await citizenContext.close();
  });
});
